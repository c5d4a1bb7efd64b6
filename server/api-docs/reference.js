// The CalOS frame of the API reference (served by server/docs.ts after Swagger UI's own scripts):
// a viewport for phones, and a header with the product's name and the ways out.
(function () {
  var viewport = document.createElement('meta');
  viewport.name = 'viewport';
  viewport.content = 'width=device-width, initial-scale=1';
  document.head.appendChild(viewport);

  var header = document.createElement('header');
  header.className = 'calos-header';
  header.innerHTML =
    '<a class="calos-brand" href="/" title="CalOS web client">' +
    '<img src="/api/docs/static/theme/calos-logo.svg" alt="" width="30" height="30">' +
    '<span class="calos-name">CalOS</span></a>' +
    '<span class="calos-section">API reference</span>' +
    '<nav class="calos-links" aria-label="API reference">' +
    '<a href="/api/openapi.json">OpenAPI document</a>' +
    '<a href="/developer">Developer portal</a>' +
    '</nav>';
  document.body.insertBefore(header, document.body.firstChild);
})();
