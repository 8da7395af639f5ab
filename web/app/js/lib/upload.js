// Checks a chosen file against the requirement before sending (the server decides from the bytes; this only
// spares a slow upload that would be refused), and uploads with progress.

const EXTENSIONS = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/tiff': ['tif', 'tiff'],
  'image/webp': ['webp'],
  'application/zip': ['zip'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
};

/** What the file input offers: ".pdf,.jpg,application/pdf,..." */
export function acceptAttribute(contentTypes) {
  const exts = contentTypes.flatMap((t) => (EXTENSIONS[t] ?? []).map((e) => `.${e}`));
  return [...exts, ...contentTypes].join(',');
}

/** Short names of the allowed types for the message: "PDF, JPG". */
export function typeNames(contentTypes) {
  return contentTypes.map((t) => (EXTENSIONS[t]?.[0] ?? t.split('/')[1] ?? t).toUpperCase()).join(', ');
}

/** null when the file may be sent; else {code: 'too-large'|'type', ...}. */
export function checkFile(file, requirement) {
  if (file.size > requirement.maxSizeBytes) return { code: 'too-large', max: requirement.maxSizeBytes };
  if (file.size === 0) return { code: 'empty' };
  const ext = (file.name.split('.').pop() ?? '').toLowerCase();
  const byType = file.type && requirement.contentTypes.includes(file.type);
  const byExt = requirement.contentTypes.some((t) => (EXTENSIONS[t] ?? []).includes(ext));
  if (!byType && !byExt) return { code: 'type', allowed: requirement.contentTypes };
  return null;
}

/**
 * Multipart POST /api/documents with upload progress (fetch has none): resolves {status, body}; onProgress gets
 * 0..1.
 */
export function send({ url, token, applicationId, requirementCode, file, onProgress }) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('network'));
    const data = new FormData();
    data.append('applicationId', applicationId);
    data.append('requirementCode', requirementCode);
    data.append('file', file, file.name);
    xhr.send(data);
  });
}
