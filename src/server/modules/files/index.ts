/** Files (文件): uploads kept in the database with their SM3 digest; download headers. */
export { storeFile, readFile, deleteFile, attachmentHeader, sniffDocument, type StoredFile } from './service.js';
export { readUpload, sendStoredFile } from './upload.js';
