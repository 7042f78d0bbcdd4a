/** A `data:<media type>;base64,<payload>` URL split into its parts. */
export interface DataUrl {
  readonly mediaType: string;
  readonly data: string;
}

const dataUrlPattern = /^data:([^;,]*)(?:;[^,]*)?;base64,/;

/**
 * Splits a base64 data URL; returns undefined for anything else (https URLs, non-base64 data).
 *
 * @example
 * parseDataUrl('data:image/png;base64,iVBO'); // { mediaType: 'image/png', data: 'iVBO' }
 */
export function parseDataUrl(url: string): DataUrl | undefined {
  const match = dataUrlPattern.exec(url);
  if (match === null) return undefined;
  return { mediaType: match[1] === '' ? 'application/octet-stream' : match[1], data: url.slice(match[0].length) };
}

/** The inverse of {@link parseDataUrl}. */
export function toDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}
