import { defineMessages } from '../../internal/i18n.js';

export const msg = defineMessages('mediaPanel', {
  what: 'media',
  empty: 'No images logged',
  emptyDetail: 'This run has no logged images for these keys.',
  step: 'Step',
  stepValue: (step: string, n: string, total: string) => `Step ${step} (${n} of ${total})`,
  previous: 'Previous step',
  next: 'Next step',
  classes: 'Classes',
  boxes: 'Boxes',
  mask: 'Mask',
  noImages: 'No images at this step',
  enlarge: (name: string) => `Enlarge ${name}`,
  image: (key: string, index: string, step: string) => `${key} #${index} at step ${step}`,
  close: 'Close',
  region: (keys: string) => `Images: ${keys}`,
});
