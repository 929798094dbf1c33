// A Vue 3 component (render functions, no template compiler) that embeds runpage elements:
// properties (source), attributes (theme, no-hash), events (`onRun-page-tab-change` listens to
// run-page-tab-change) and children (<run-source> with elements inside). Vue sets a prop as a
// DOM property when the element has one, else as an attribute.
import { defineComponent, h, ref, type PropType } from 'vue';
import type { RunSource } from '../../src/index.js';
import type { RunPageTabChangeDetail } from '../../src/elements/run-page/run-page.js';
import type { MetricChartZoomDetail } from '../../src/elements/metric-chart/metric-chart.js';
import '../../src/define.js';

type TabId = RunPageTabChangeDetail['tab'];

export const RunDashboard = defineComponent({
  name: 'RunDashboard',
  props: {
    source: { type: Object as PropType<RunSource>, required: true },
    theme: { type: String as PropType<'light' | 'dark'>, default: 'light' },
  },
  emits: {
    tabChange: (tab: TabId) => typeof tab === 'string',
  },
  setup(props, { emit }) {
    const tab = ref<TabId>('overview');
    const zoom = ref<MetricChartZoomDetail['range']>(null);
    return () =>
      h('div', { class: 'dashboard' }, [
        h(
          'p',
          { class: 'status' },
          `tab: ${tab.value}; zoom: ${zoom.value ? zoom.value.map((x) => Math.round(x)).join('–') : 'full'}`,
        ),
        h('run-source', { source: props.source }, [
          h('div', { class: 'summary' }, [
            h('run-overview', { theme: props.theme }),
            h('metric-chart', {
              metric: 'train/loss',
              theme: props.theme,
              style: { display: 'block', height: '260px' },
              'onMetric-chart-zoom': (e: CustomEvent<MetricChartZoomDetail>) => (zoom.value = e.detail.range),
            }),
          ]),
        ]),
        h('run-page', {
          source: props.source,
          theme: props.theme,
          'no-hash': '',
          tab: tab.value,
          'onRun-page-tab-change': (e: CustomEvent<RunPageTabChangeDetail>) => {
            tab.value = e.detail.tab;
            emit('tabChange', e.detail.tab);
          },
        }),
      ]);
  },
});
