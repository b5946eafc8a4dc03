/**
 * A step's documents as the registry records them: each file's name and the SHA-256 of its bytes,
 * computed here (the files themselves stay with the user). Web Crypto is there only on https or
 * localhost; elsewhere this answers null and the form says so.
 */
export interface DocumentRef { name: string; sha256: string }

export async function hashedDocuments(files: readonly File[]): Promise<DocumentRef[] | null> {
  if (globalThis.crypto?.subtle === undefined) return null;
  return Promise.all(files.map(async (file) => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    return { name: file.name, sha256: [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('') };
  }));
}
