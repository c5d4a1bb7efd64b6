// Uploads an image file to the raw upload route (its bytes as the body), with the session cookie.
export async function uploadImage(id: string, file: File): Promise<void> {
  const res = await fetch(`/api/ext/iiif/images?id=${encodeURIComponent(id)}`, {
    method: 'POST',
    body: file,
    credentials: 'include',
    headers: { 'content-type': file.type || 'application/octet-stream' },
  });
  if (res.status !== 201) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The upload failed (${res.status}).`);
  }
}

/** An identifier from a file name: URL-safe letters, digits, - and _. */
export const identifierFrom = (name: string) =>
  name
    .replace(/\.[^.]*$/, '')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+/, '')
    .slice(0, 100) || 'image';
