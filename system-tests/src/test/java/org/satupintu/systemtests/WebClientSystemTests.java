package org.satupintu.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.satupintu.local.Platform;
import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reference web client in a real headless Chromium against the whole running platform: the public
 * verification page a QR code opens, sign-in through the real Keycloak login page, the catalog in Bahasa Indonesia
 * and English, an application from form to submission with an upload, and the officer's desk with only the actions
 * the role allows. Skipped (with the reason) only where no Chromium and chromedriver are installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebClientSystemTests {

    private static final Path CHROMIUM = firstExisting(System.getenv("CHROME_BIN"), "/usr/bin/chromium",
            "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final Path CHROMEDRIVER = firstExisting(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver",
            "/usr/lib/chromium/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A real one-page PDF (the fixtures' minimal one has no page to draw). */
    private static final byte[] ONE_PAGE_PDF = """
            %PDF-1.4
            1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
            2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
            3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj
            4 0 obj<</Length 44>>stream
            BT /F1 24 Tf 40 100 Td (Surat Izin) Tj ET
            endstream endobj
            5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj
            trailer<</Root 1 0 R>>
            %%EOF
            """.getBytes(StandardCharsets.US_ASCII);

    private static Platform platform;
    private static ApiClient gateway;
    private static Path userDataRoot;
    /** The registration number of the application ani submits in the browser; budi finds it on his desk. */
    private static String registrationNumber;
    /** An application of ani's issued through the API, with its certificate. */
    private static String issuedId;

    private final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void platformAndBrowser() throws Exception {
        assumeTrue(CHROMIUM != null && CHROMEDRIVER != null, "No Chromium/chromedriver on this machine (apt-get "
                + "install chromium chromium-driver, or set CHROME_BIN and CHROMEDRIVER): browser tests skipped");
        platform = RunningPlatform.get();
        gateway = new ApiClient(platform.gatewayUrl());
        allowThisGatewayOnTheWebClient();
        userDataRoot = Files.createTempDirectory("satupintu-chromium");
    }

    @AfterEach
    void closeBrowsers(TestInfo test) {
        for (WebDriver browser : browsers) {
            browser.quit();
        }
        browsers.clear();
    }

    @AfterAll
    static void removeProfiles() throws Exception {
        if (userDataRoot != null) {
            try (var paths = Files.walk(userDataRoot)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void verificationPageSaysInPlainWordsThatAnUnknownPermitIsNotFound() {
        WebDriver browser = browser("verify-unknown");
        browser.get(platform.gatewayUrl() + "/verify/PBG-SULUT-MANADO-2026-999999");
        WebElement verdict = waitFor(browser, By.id("verdict"));
        assertThat(verdict.getAttribute("data-status")).isEqualTo("NOT_FOUND");
        assertThat(verdict.getText()).contains("TIDAK DITEMUKAN");
        assertNoCspViolations(browser);
    }

    @Test
    @Order(2)
    void verificationPageShowsValidForAPermitIssuedThroughTheApi() {
        JsonNode issued = new Fixtures(gateway).issued();
        issuedId = issued.path("id").asString();
        String permit = issued.path("permitNumber").asString();
        // What a QR scan opens: on a phone.
        WebDriver browser = browser("verify-valid", "390,844");
        browser.get(platform.gatewayUrl() + "/verify/" + permit);
        WebElement verdict = waitFor(browser, By.id("verdict"));
        assertThat(verdict.getAttribute("data-status")).isEqualTo("VALID");
        assertThat(verdict.getText()).contains("SAH");
        assertThat(browser.findElement(By.id("permit-number")).getText()).isEqualTo(permit);
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("WITA");
        // Public: no sign-in needed, and the page never went to Keycloak.
        assertThat(browser.getCurrentUrl()).startsWith(platform.gatewayUrl() + "/verify/");
        snapshot(browser, "verify-valid-phone");
        click(browser, By.id("lang-en"));
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("verdict"), "VALID"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Permit holder", "Date of issue");
        assertNoCspViolations(browser);
    }

    @Test
    @Order(3)
    void applicantSignsInOnTheKeycloakPageAndReadsTheCatalogInBahasaIndonesiaThenEnglish() {
        WebDriver browser = signedIn("ani");
        click(browser, By.cssSelector("a[data-nav='nav.catalog']"));
        waitFor(browser, By.cssSelector("article.permit-type[data-code='PBG']"));
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("Katalog izin", "Persetujuan Bangunan Gedung", "hari kerja", "Dokumen persyaratan",
                "Rp 250.000", "Gratis");

        click(browser, By.id("lang-en"));
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Permit catalog"));
        page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("Building Approval", "working days", "IDR 250,000", "Free of charge");
        // The choice is kept: back to Bahasa Indonesia for the next tests of this browser profile.
        click(browser, By.id("lang-id"));
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Katalog izin"));

        click(browser, By.id("logout"));
        waitFor(browser, By.id("login"));
        assertNoCspViolations(browser);
    }

    @Test
    @Order(4)
    void applicantStartsAnApplicationFromTheFormUploadsADocumentAndSubmits() throws Exception {
        new Fixtures(gateway);  // the test permit type (UJI_AKSES), made by an admin through the API
        WebDriver browser = signedIn("ani");
        browser.get(platform.gatewayUrl() + "/catalog/" + Fixtures.TYPE);
        waitFor(browser, By.id("field-kegiatan"));

        // Checked in the browser as the server checks it: a number field refuses words.
        browser.findElement(By.id("field-jumlah")).sendKeys("banyak");
        click(browser, By.id("create"));
        assertThat(waitFor(browser, By.id("field-jumlah-error")).getText()).contains("angka");
        browser.findElement(By.id("field-jumlah")).clear();
        browser.findElement(By.id("field-jumlah")).sendKeys("12");
        browser.findElement(By.id("field-kegiatan")).sendKeys("Festival kuliner di Kawasan Megamas");
        click(browser, By.id("create"));
        WebElement application = waitFor(browser, By.cssSelector("#application[data-state='DRAFT']"));
        assertThat(application.isDisplayed()).isTrue();

        Path refused = Files.createTempFile("program", ".exe");
        Files.write(refused, "MZ this is a program".getBytes(StandardCharsets.ISO_8859_1));
        browser.findElement(By.id("file-LAMPIRAN")).sendKeys(refused.toString());
        assertThat(waitFor(browser, By.cssSelector("li[data-requirement='LAMPIRAN'] .upload-message")).getText())
                .contains("tidak diterima", "PDF");

        Path pdf = Files.createTempFile("lampiran", ".pdf");
        Files.write(pdf, ONE_PAGE_PDF);
        browser.findElement(By.id("file-LAMPIRAN")).sendKeys(pdf.toString());
        // The checklist fills in once document-service has told application-service (through Kafka).
        waitFor(browser, By.cssSelector("li[data-requirement='LAMPIRAN'][data-done='true']"));

        click(browser, By.id("submit"));
        waitFor(browser, By.cssSelector("#application[data-state='SUBMITTED']"));
        wait(browser).until(d -> d.findElement(By.id("registration-number")).getText().startsWith("REG-"));
        registrationNumber = browser.findElement(By.id("registration-number")).getText();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "Dikirim"));
        snapshot(browser, "applicant-submitted");
        assertNoCspViolations(browser);

        // The inbox: the submission's notification, and the unread count in the header.
        click(browser, By.cssSelector("a[data-nav='nav.inbox']"));
        wait(browser).until(d -> !d.findElements(By.cssSelector("#notifications li")).isEmpty());
        assertThat(browser.findElement(By.id("unread-count")).getText()).matches("[1-9][0-9]*");
        snapshot(browser, "applicant-inbox");
    }

    @Test
    @Order(5)
    void officerFindsTheApplicationInTheQueueAndSeesOnlyTheActionsAnOfficerMayTake() {
        assumeTrue(registrationNumber != null, "the applicant's submission did not happen");
        WebDriver browser = signedIn("budi");
        waitFor(browser, By.id("queue"));
        browser.findElement(By.id("filter-q")).sendKeys(registrationNumber);
        WebElement row = waitFor(browser, By.xpath("//table[@id='queue']//a[text()='" + registrationNumber + "']"));
        row.click();
        waitFor(browser, By.cssSelector("#application[data-state='SUBMITTED']"));
        assertThat(actions(browser)).containsExactly("assign");

        click(browser, By.id("action-assign"));
        waitFor(browser, By.cssSelector("#application[data-state='UNDER_REVIEW']"));
        wait(browser).until(d -> actions(d).contains("recommend"));
        // An officer recommends or asks for changes; approving and rejecting are the supervisor's.
        assertThat(actions(browser)).containsExactly("request-revision", "recommend");
        assertThat(browser.findElements(By.id("action-approve"))).isEmpty();
        assertThat(browser.findElements(By.id("action-reject"))).isEmpty();
        assertThat(browser.findElement(By.id("assignee")).getText()).isEqualTo("budi");
        snapshot(browser, "officer-review");
        click(browser, By.cssSelector("#documents .view-document"));
        WebElement frame = waitFor(browser, By.cssSelector("#documents iframe.pdf"));
        // The applicant's PDF is drawn by pdf.js in a frame sandboxed without same-origin (no access to the session).
        assertThat(frame.getAttribute("sandbox")).isEqualTo("allow-scripts");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", frame);
        browser.switchTo().frame(frame);
        try {
            wait(browser).until(d -> "1".equals(d.findElement(By.tagName("body")).getAttribute("data-rendered")));
            assertThat(browser.findElement(By.cssSelector("canvas[data-page='1']")).isDisplayed()).isTrue();
        }
        finally {
            browser.switchTo().defaultContent();
        }
        snapshot(browser, "officer-document");
        assertNoCspViolations(browser);
    }

    @Test
    @Order(6)
    void supervisorSeesApproveAndRejectButNotRecommend() {
        assumeTrue(registrationNumber != null, "the applicant's submission did not happen");
        WebDriver browser = signedIn("citra");
        browser.findElement(By.id("filter-q")).sendKeys(registrationNumber);
        waitFor(browser, By.xpath("//table[@id='queue']//a[text()='" + registrationNumber + "']")).click();
        waitFor(browser, By.cssSelector("#application[data-state='UNDER_REVIEW']"));
        wait(browser).until(d -> !actions(d).isEmpty());
        assertThat(actions(browser)).containsExactly("assign", "request-revision", "reject");

        click(browser, By.cssSelector("a[data-nav='nav.stats']"));
        waitFor(browser, By.id("chart-by-state"));
        wait(browser).until(d -> ((JavascriptExecutor) d).executeScript("return !!window.Chart"));
        assertThat(browser.findElement(By.id("stats-overdue")).getText()).contains("melewati batas waktu");
        snapshot(browser, "supervisor-stats");
        assertNoCspViolations(browser);
    }

    @Test
    @Order(7)
    void operatorSeesLagPerConsumerGroupAndDeadLetters() {
        WebDriver browser = signedIn("olga");
        WebElement topic = waitFor(browser, By.cssSelector("section.topic[data-topic='satupintu.application.events']"));
        assertThat(topic.getText()).contains("Grup konsumen", "Tertinggal", "satupintu.application.events-dlt");
        assertThat(browser.findElement(By.id("replay-satupintu.application.events")).isDisplayed()).isTrue();
        snapshot(browser, "ops-queues");
        assertNoCspViolations(browser);
    }

    @Test
    @Order(8)
    void applicantFixesAndResubmitsAfterARevisionRequestAndIsToldWhenHerCopyIsStale() {
        Fixtures fixtures = new Fixtures(gateway);
        JsonNode underReview = fixtures.underReview();
        fixtures.act(Persona.OFFICER, underReview, "request-revision", "{\"reason\":\"Jumlah peserta belum diisi\"}");
        String id = underReview.path("id").asString();

        WebDriver browser = signedIn("ani");
        browser.get(platform.gatewayUrl() + "/applications/" + id);
        assertThat(waitFor(browser, By.id("revision-reason")).getText()).contains("Jumlah peserta belum diisi");
        waitFor(browser, By.cssSelector("#application[data-state='REVISION_REQUESTED']"));

        // Meanwhile the same application changes elsewhere (another device): this page's version is stale.
        String path = "/api/applications/" + id;
        ApiClient.Response current = gateway.get(path, Persona.OWNER.token());
        ApiClient.Response elsewhere = gateway.send("PATCH", path, Persona.OWNER.token(),
                "{\"form\":{\"kegiatan\":\"Pameran UMKM di Boulevard\",\"jumlah\":10}}", "If-Match",
                current.header("ETag"));
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(200);

        browser.findElement(By.id("field-jumlah")).sendKeys("250");
        click(browser, By.id("save"));
        assertThat(waitFor(browser, By.id("notice")).getText()).contains("baru saja diubah", "Muat ulang");
        click(browser, By.id("reload"));
        wait(browser).until(d -> "10".equals(d.findElement(By.id("field-jumlah")).getAttribute("value")));
        browser.findElement(By.id("field-jumlah")).clear();
        browser.findElement(By.id("field-jumlah")).sendKeys("250");
        click(browser, By.id("submit"));
        waitFor(browser, By.cssSelector("#application[data-state='SUBMITTED']"));
        assertThat(gateway.get(path, Persona.OWNER.token()).json().path("form").path("jumlah").asInt()).isEqualTo(250);
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "Dikirim ulang"));
        assertThat(browser.findElement(By.id("history")).getText()).contains("Perbaikan diminta");
        snapshot(browser, "applicant-resubmitted");

        assumeTrue(issuedId != null, "no issued application from the verification test");
        browser.get(platform.gatewayUrl() + "/applications/" + issuedId);
        waitFor(browser, By.cssSelector("#application[data-state='ISSUED']"));
        waitFor(browser, By.id("download-certificate"));
        assertThat(browser.findElement(By.id("permit-number")).getAttribute("href")).contains("/verify/");
        assertNoCspViolations(browser);
    }

    // ---- helpers ----

    private WebDriver signedIn(String user) {
        WebDriver browser = browser(user);
        browser.get(platform.gatewayUrl() + "/");
        click(browser, By.id("home-login"));
        waitFor(browser, By.id("username")).sendKeys(user);
        // Keycloak's own page, in the client's language (ui_locales; Bahasa Indonesia by default).
        WebElement signIn = browser.findElement(By.id("kc-login"));
        assertThat(signIn.getText().isBlank() ? signIn.getAttribute("value") : signIn.getText()).isEqualTo("Masuk");
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("kc-login")).click();
        waitFor(browser, By.id("who"));
        return browser;
    }

    private static List<String> actions(WebDriver browser) {
        return browser.findElements(By.cssSelector("#actions button[data-action]")).stream()
                .map(b -> b.getAttribute("data-action")).toList();
    }

    private WebDriver browser(String name) {
        return browser(name, "1280,1000");
    }

    private WebDriver browser(String name, String windowSize) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + windowSize, "--lang=id",
                "--user-data-dir=" + userDataRoot.resolve(name + "-" + System.nanoTime()));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
        browsers.add(browser);
        return browser;
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, WAIT);
    }

    private static WebElement waitFor(WebDriver browser, By by) {
        try {
            return wait(browser).until(ExpectedConditions.visibilityOfElementLocated(by));
        }
        catch (RuntimeException e) {
            throw new AssertionError("Not shown: " + by + " on " + browser.getCurrentUrl() + "\n" + diagnostics(browser),
                    e);
        }
    }

    private static void click(WebDriver browser, By by) {
        try {
            wait(browser).until(ExpectedConditions.elementToBeClickable(by)).click();
        }
        catch (RuntimeException e) {
            throw new AssertionError("Not clickable: " + by + " on " + browser.getCurrentUrl() + "\n"
                    + diagnostics(browser), e);
        }
    }

    /** A picture of the page in target/browser/, to look at what the tests saw. */
    private static void snapshot(WebDriver browser, String name) {
        try {
            Path dir = Path.of("target", "browser");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
        catch (Exception e) {
            // a missing picture fails nothing
        }
    }

    /** What the page showed and said, and a screenshot in target/, so a failure can be understood from the log. */
    private static String diagnostics(WebDriver browser) {
        StringBuilder out = new StringBuilder();
        try {
            Path dir = Path.of("target", "browser");
            Files.createDirectories(dir);
            Path shot = dir.resolve("failure-" + System.currentTimeMillis() + ".png");
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            out.append("screenshot: ").append(shot.toAbsolutePath()).append('\n');
            out.append("text: ").append(browser.findElement(By.tagName("body")).getText()).append('\n');
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                out.append("console: ").append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n');
            }
        }
        catch (Exception e) {
            out.append("(no diagnostics: ").append(e.getMessage()).append(")");
        }
        return out.toString();
    }

    /** The Content-Security-Policy holds without breaking the client: the browser refused nothing. */
    private static void assertNoCspViolations(WebDriver browser) {
        List<String> refused = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
                .toList();
        assertThat(refused).as("CSP violations").isEmpty();
    }

    /**
     * The platform of the tests runs on free ports, so its gateway's origin is registered on the web client for
     * this run through Keycloak's admin API (the realm file names the fixed local ports only).
     */
    private static void allowThisGatewayOnTheWebClient() throws Exception {
        String keycloak = platform.issuer().substring(0, platform.issuer().indexOf("/realms/"));
        String origin = platform.gatewayUrl();
        try (HttpClient http = HttpClient.newHttpClient()) {
            String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                    + URLEncoder.encode("admin", StandardCharsets.UTF_8);
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(keycloak
                    + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            String admin = "Bearer " + JSON.readTree(token.body()).path("access_token").asString();
            String clients = keycloak + "/admin/realms/satupintu/clients";
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(clients + "?clientId=satupintu-web"))
                    .header("Authorization", admin).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            ObjectNode client = (ObjectNode) JSON.readTree(found.body()).get(0);
            ((ArrayNode) client.get("redirectUris")).add(origin + "/*");
            ((ArrayNode) client.get("webOrigins")).add(origin);
            ObjectNode attributes = (ObjectNode) client.get("attributes");
            attributes.put("post.logout.redirect.uris",
                    attributes.path("post.logout.redirect.uris").asString() + "##" + origin + "/*");
            HttpResponse<String> updated = http.send(HttpRequest.newBuilder(URI.create(clients + "/"
                    + client.path("id").asString())).header("Authorization", admin)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
        }
    }

    private static Path firstExisting(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank() && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

}
