// Renders a PDF that the desk page sends, inside a frame sandboxed without same-origin (opaque origin): whatever
// the applicant's file holds cannot reach the signed-in session. pdf.js runs on this thread (the CSP allows no
// worker) with eval off (no code built from font data); the PDF's own JavaScript is never run.
import * as pdfjs from '../vendor/pdf.min.js';

globalThis.pdfjsWorker = await import('../vendor/pdf.worker.min.js');
const MAX_PAGES = 30;

addEventListener('message', async (event) => {
  if (event.source !== parent || !(event.data instanceof ArrayBuffer)) return;
  const pages = document.getElementById('pages');
  pages.textContent = '';
  try {
    const pdf = await pdfjs.getDocument({ data: new Uint8Array(event.data), isEvalSupported: false,
      enableScripting: false, useSystemFonts: true }).promise;
    for (let n = 1; n <= Math.min(pdf.numPages, MAX_PAGES); n++) {
      const page = await pdf.getPage(n);
      const viewport = page.getViewport({ scale: 1.5 });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.dataset.page = String(n);
      pages.append(canvas);
      await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
    }
    document.body.dataset.rendered = String(pdf.numPages);
  } catch (e) {
    pages.textContent = `PDF: ${e.message}`;
    document.body.dataset.rendered = 'error';
  }
});
parent.postMessage('pdf-frame-ready', '*');
