/** Largest document an import accepts; shared by the upload form and the decoder. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
