// The trivia extension's web page, built by CalOS's client build (CALOS_EXTENSIONS names this
// package when `npm run build` runs). Like the server side, it receives CalOS's client API.
/** @param {typeof import('../../../client/extension-api')} calos */
export default function triviaPages(calos) {
  return calos.defineClientExtension({
    id: 'trivia',
    pages: [{ path: '/trivia', load: () => import('./trivia-page.js').then((m) => ({ default: m.page(calos) })) }],
    nav: [{ to: '/trivia', label: 'Trivia', end: true, group: 'Play', order: 58 }],
  });
}
