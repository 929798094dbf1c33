import { defineElement } from '../../internal/define-element.js';
import { MetricChart } from './metric-chart.js';

defineElement('metric-chart', MetricChart);

declare global {
  interface HTMLElementTagNameMap {
    'metric-chart': MetricChart;
  }
}
