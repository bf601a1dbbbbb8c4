// Files made in the browser and handed to the person as downloads.

/** Offers `content` as a file named `fileName` (a Blob behind a temporary link). */
export function downloadFile(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the next turn; the URL is let go then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
