// Apart from file-preview.ts, which loads when the first file opens (open-file.ts).
/** Limits a preview works within; the element exposes them as `previewLimits`. */
export interface PreviewLimits {
  /** Bytes of text read at first and per "load more". */
  textChunk: number;
  /** Bytes shown per hex "load more". */
  hexChunk: number;
  /** JSON, notebooks and Markdown up to this size are parsed whole; larger ones show as text. */
  structured: number;
  /** Images, audio and video without a URL are read whole into a Blob up to this size. */
  media: number;
}

export const DEFAULT_PREVIEW_LIMITS: PreviewLimits = {
  textChunk: 256 * 1024,
  hexChunk: 4096,
  structured: 8 * 1024 * 1024,
  media: 64 * 1024 * 1024,
};
