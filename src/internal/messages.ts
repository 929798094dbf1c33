import { defineMessages } from './i18n.js';

/** Labels every element shares. */
export const common = defineMessages(
  'common',
  {
    loading: 'Loading…',
    retry: 'Retry',
    errorTitle: 'Could not load this',
    unsupported: 'Not available from this source',
    unsupportedDetail: (what: string) => `This data source does not provide ${what}.`,
    noSource: 'No data source',
    noSourceDetail:
      'Set the element’s source property, its src attribute, or place it inside <run-source> or <run-page>.',
    noRun: 'No run selected',
    noRunDetail: 'Set the run attribute to the id of the run to show.',
    notFound: 'Not found',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy',
    search: 'Search',
    searchedAsText: (term: string) => `${term} is not a regular expression; searched as text`,
    clear: 'Clear',
    expand: 'Expand',
    collapse: 'Collapse',
    showMore: 'Show more',
    showLess: 'Show less',
    moreControls: 'More',
    moreControlsLabel: 'More controls',
    download: 'Download',
    close: 'Close',
    none: 'None',
    live: 'Live',
    readProblemsDropped: (n: number) =>
      n === 1
        ? '1 value from the data source could not be read and is left out.'
        : `${n.toLocaleString('en')} values from the data source could not be read and are left out.`,
    readProblemsConverted: (n: number) =>
      n === 1
        ? '1 value had the wrong type and was converted.'
        : `${n.toLocaleString('en')} values had the wrong type and were converted.`,
    readProblemLeftOut: (n: number) => `${n.toLocaleString('en')} left out`,
    readProblemConverted: (n: number) => `${n.toLocaleString('en')} converted`,
    readProblemsMore: (n: number) => `and ${n.toLocaleString('en')} more kinds of problem`,
  },
  {
    loading: '読み込み中…',
    retry: '再試行',
    errorTitle: '読み込めませんでした',
    unsupported: 'このデータソースでは利用できません',
    unsupportedDetail: (what: string) => `このデータソースは${what}を提供していません。`,
    noSource: 'データソースがありません',
    noSourceDetail:
      '要素の source プロパティか src 属性を設定するか、<run-source> または <run-page> の中に置いてください。',
    noRun: 'ランが選択されていません',
    noRunDetail: '表示するランの ID を run 属性に設定してください。',
    notFound: '見つかりません',
    copy: 'コピー',
    copied: 'コピーしました',
    copyFailed: 'コピーできませんでした',
    search: '検索',
    searchedAsText: (term: string) => `${term} は正規表現として読めないため、文字列として検索しました`,
    clear: 'クリア',
    expand: '展開',
    collapse: '折りたたむ',
    showMore: 'もっと見る',
    showLess: '折りたたむ',
    moreControls: 'その他',
    moreControlsLabel: 'その他の操作',
    download: 'ダウンロード',
    close: '閉じる',
    none: 'なし',
    live: 'ライブ',
    readProblemsDropped: (n: number) =>
      `データソースの ${n.toLocaleString('ja')} 個の値を読み取れず、表示から除きました。`,
    readProblemsConverted: (n: number) => `${n.toLocaleString('ja')} 個の値は型が違うため変換しました。`,
    readProblemLeftOut: (n: number) => `${n.toLocaleString('ja')} 個を除外`,
    readProblemConverted: (n: number) => `${n.toLocaleString('ja')} 個を変換`,
    readProblemsMore: (n: number) => `ほか ${n.toLocaleString('ja')} 種類の問題`,
  },
);
