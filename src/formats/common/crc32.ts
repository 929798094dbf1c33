// The one CRC-32 lives in data/ (the PNG encoder there needs it and data/ never imports formats/).
export { crc32 } from '../../data/crc32.js';
