export { type BarChart, type BarSeries, barChart } from './charts/bar-chart';
export { type ReportChart, reportCharts, type ServiceNameOf } from './charts/report-charts';
export { escapeXml } from './charts/xml-escape';
export { formatPounds } from './format/money';
export {
  calendarDate,
  londonDate,
  londonDateTime,
  londonDayOrDateTime,
} from './format/london-time';
export { workingDaysLeftInWords } from './format/working-days-in-words';
export { pagesEnvironment } from './pages-environment';
export { projectRoot, viewsDirectories } from './views-directories';
