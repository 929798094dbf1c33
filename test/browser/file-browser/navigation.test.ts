import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { listed, mount, rowNames, shadow, sourceWith, until } from './helpers.js';

const files = [
  { path: 'config.yaml', bytes: 'lr: 0.1\n', modified: Date.UTC(2024, 1, 1) },
  { path: 'output.log', bytes: 'hello\n'.repeat(100), modified: Date.UTC(2024, 1, 3) },
  { path: 'media/images/a.png', bytes: new Uint8Array([1, 2, 3]) },
  { path: 'media/images/b.png', bytes: new Uint8Array([1, 2, 3, 4]) },
  { path: 'media/table.csv', bytes: 'a,b\n1,2\n' },
  { path: 'code/train.py', bytes: 'print(1)\n' },
];

describe('file-browser navigation', () => {
  it('lists folders first with counts, then files with sizes', async () => {
    const el = await mount(sourceWith(files));
    await listed(el);
    expect(rowNames(el)).to.deep.equal(['code', 'media', 'config.yaml', 'output.log']);
    const sizes = [...shadow(el).querySelectorAll('.body .row .col-size')].map((c) => c.textContent!.trim());
    expect(sizes).to.deep.equal(['1 item', '2 items', '8 B', '600 B']);
    expect(shadow(el).querySelectorAll('.body .row svg.icon').length).to.equal(4);
  });

  it('opens folders by click and goes back through breadcrumbs', async () => {
    const el = await mount(sourceWith(files));
    await listed(el);
    const opened = oneEvent(el, 'file-browser-open');
    (shadow(el).querySelector('.body .row') as HTMLElement).nextElementSibling!.dispatchEvent(
      new MouseEvent('click', { bubbles: true }),
    );
    expect((await opened).detail).to.include({ path: 'media', kind: 'dir' });
    await until(() => rowNames(el).join() === 'images,table.csv', 'media is listed');
    const crumbs = [...shadow(el).querySelectorAll('.crumb')].map((c) => c.textContent!.trim());
    expect(crumbs).to.deep.equal(['Run files', 'media']);
    (shadow(el).querySelector('.crumb') as HTMLButtonElement).click();
    await until(() => rowNames(el)[0] === 'code', 'back at the root');
    expect(el.path).to.equal('');
  });

  it('moves with arrows, opens with Enter, goes up with Backspace', async () => {
    const el = await mount(sourceWith(files));
    await listed(el);
    (shadow(el).querySelector('.grid') as HTMLElement).focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const grid = shadow(el).querySelector('.grid')!;
    expect(grid.getAttribute('aria-activedescendant')).to.equal('row-1');
    await sendKeys({ press: 'Enter' });
    await until(() => rowNames(el).join() === 'images,table.csv', 'media opened');
    await sendKeys({ press: 'Enter' });
    await until(() => rowNames(el).join() === 'a.png,b.png', 'images opened');
    await sendKeys({ press: 'Backspace' });
    await until(() => el.path === 'media' && rowNames(el).join() === 'images,table.csv', 'up to media');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => el.file === 'media/table.csv', 'file opened');
    await until(() => shadow(el).querySelector('.csv'), 'csv preview');
  });

  it('makes the folder it came from active after going up', async () => {
    const el = await mount(sourceWith(files), { path: 'media/images' });
    await listed(el);
    (shadow(el).querySelector('.grid') as HTMLElement).focus();
    await sendKeys({ press: 'Backspace' });
    await until(() => el.path === 'media' && rowNames(el).join() === 'images,table.csv', 'up to media');
    await sendKeys({ press: 'Backspace' });
    await until(() => el.path === '' && rowNames(el)[0] === 'code', 'up to the root');
    await until(
      () => shadow(el).querySelector('.grid')!.getAttribute('aria-activedescendant') === 'row-1',
      'media is the active row',
    );
    expect(shadow(el).querySelector('#row-1 .name')!.textContent).to.equal('media');
  });

  it('sorts from the keyboard through the column headers', async () => {
    const el = await mount(sourceWith(files));
    await listed(el);
    const sizeButton = shadow(el).querySelector('.head .col-size button') as HTMLButtonElement;
    sizeButton.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(rowNames(el).slice(2)).to.deep.equal(['output.log', 'config.yaml']);
  });

  it('closes the preview with Escape and returns to the listing', async () => {
    const el = await mount(sourceWith(files), { file: 'config.yaml' });
    await listed(el);
    await until(() => shadow(el).querySelector('.preview-actions button'), 'preview open');
    (shadow(el).querySelector('.preview-actions button') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Escape' });
    await until(() => !shadow(el).querySelector('.preview-pane'), 'preview closed');
    expect(el.file).to.equal('');
    expect(shadow(el).activeElement?.classList.contains('grid')).to.equal(true);
  });

  it('closes its preview when removed and opens it again when put back', async () => {
    const el = await mount(sourceWith(files), { file: 'config.yaml' });
    await until(() => shadow(el).querySelector('.code-text'), 'preview open');
    const parent = el.parentElement!;
    el.remove();
    await el.updateComplete;
    expect(shadow(el).querySelector('.preview-pane')).to.equal(null);
    parent.append(el);
    await until(() => shadow(el).querySelector('.code-text'), 'preview open again');
  });

  it('follows live file changes in place', async () => {
    const source = sourceWith(files);
    const el = await mount(source);
    await listed(el);
    const grid = shadow(el).querySelector('.grid');
    source.append('run-1', { files: [{ path: 'late.txt', bytes: 'new' }] });
    await until(() => rowNames(el).includes('late.txt'), 'the new file is listed');
    expect(shadow(el).querySelector('.grid')).to.equal(grid, 'the grid stayed in place (no loading state)');
  });
});
