/** What a file picker for a scan or evidence offers: the types the server accepts by content (PDF, JPG, PNG). */
export const DOCUMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
