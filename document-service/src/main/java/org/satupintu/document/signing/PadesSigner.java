package org.satupintu.document.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import org.apache.pdfbox.Loader;
import org.slf4j.LoggerFactory;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * PAdES baseline (B-B) signatures embedded in the certificate PDF, so any PDF reader shows who signed it and that
 * it is unchanged: CAdES-detached CMS over the signed byte ranges, with the signing-certificate-v2 attribute and
 * without a signing-time attribute (the time is in the signature dictionary), as ETSI EN 319 142-1 asks.
 */
final class PadesSigner {

    private PadesSigner() {
    }

    static byte[] sign(byte[] pdf, PrivateKey key, X509Certificate certificate, String name, String reason,
            String location, Instant when) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(name);
            signature.setReason(reason);
            signature.setLocation(location);
            Calendar time = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            time.setTimeInMillis(when.toEpochMilli());
            signature.setSignDate(time);
            document.addSignature(signature, content -> cms(content, key, certificate));
            document.saveIncremental(out);
            return out.toByteArray();
        }
    }

    private static byte[] cms(InputStream content, PrivateKey key, X509Certificate certificate) throws IOException {
        try {
            byte[] certHash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(
                    new SigningCertificateV2(new ESSCertIDv2[] {
                            new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), certHash)}))));
            DefaultSignedAttributeTableGenerator defaults = new DefaultSignedAttributeTableGenerator(
                    new AttributeTable(attributes));
            JcaSignerInfoGeneratorBuilder signerInfo = new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build());
            signerInfo.setSignedAttributeGenerator(parameters -> defaults.getAttributes(parameters)
                    .remove(CMSAttributes.signingTime));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo.build(new JcaContentSignerBuilder(SigningKeys.ALGORITHM)
                    .build(key), new JcaX509CertificateHolder(certificate)));
            generator.addCertificates(new JcaCertStore(List.of(certificate)));
            return generator.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
        }
        catch (IOException e) {
            throw e;
        }
        catch (Exception e) {
            throw new IOException("PAdES signing failed", e);
        }
    }

    /** True if the PDF carries an embedded signature that verifies and was made with {@code expected}. */
    static boolean verify(byte[] pdf, PublicKey expected) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            if (signatures.isEmpty()) {
                return false;
            }
            for (PDSignature signature : signatures) {
                // The /Contents hex string is zero-padded to its reserved size: read the one CMS object in it.
                org.bouncycastle.asn1.ASN1Primitive contents;
                try (var asn1 = new org.bouncycastle.asn1.ASN1InputStream(signature.getContents())) {
                    contents = asn1.readObject();
                }
                CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)),
                        org.bouncycastle.asn1.cms.ContentInfo.getInstance(contents));
                for (SignerInformation signer : cms.getSignerInfos().getSigners()) {
                    @SuppressWarnings("unchecked")
                    var matches = (java.util.Collection<X509CertificateHolder>) cms.getCertificates()
                            .getMatches(signer.getSID());
                    X509CertificateHolder holder = matches.stream().findFirst().orElse(null);
                    if (holder == null) {
                        return false;
                    }
                    X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
                    if (!certificate.getPublicKey().equals(expected)
                            || !signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder))) {
                        return false;
                    }
                }
            }
            // The last signature must cover the whole file: nothing was appended after signing.
            int[] range = signatures.get(signatures.size() - 1).getByteRange();
            return range.length == 4 && (long) range[2] + range[3] == pdf.length;
        }
        catch (Exception e) {
            LoggerFactory.getLogger(PadesSigner.class).info("Embedded signature does not verify: {} ({})", e.toString(),
                    String.valueOf(e.getCause()));
            return false;
        }
    }

    /** A self-signed certificate for a key that came without one (development, or a bare PEM key). */
    static X509Certificate selfSigned(PrivateKey key, PublicKey publicKey, String subject, Instant now) {
        try {
            X500Name name = new X500Name(subject);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), name, publicKey);
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SigningKeys.ALGORITHM).build(key)));
        }
        catch (Exception e) {
            throw new IllegalStateException("Cannot make a self-signed certificate", e);
        }
    }
}
