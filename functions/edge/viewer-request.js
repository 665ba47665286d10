// CloudFront Function (cloudfront-js-2.0), viewer request. The local stack runs this same file.
// Pretty URLs: /x/ is stored as /x/index.html; /x (no extension) redirects to /x/ so every page has one URL.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
    return request;
  }
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    var query = [];
    var qs = request.querystring || {};
    for (var key in qs) {
      if (qs[key] && qs[key].value !== undefined) {
        query.push(encodeURIComponent(key) + '=' + encodeURIComponent(qs[key].value));
      }
    }
    return {
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: {
        location: { value: uri + '/' + (query.length ? '?' + query.join('&') : '') },
        'cache-control': { value: 'public, max-age=3600' },
      },
    };
  }
  return request;
}
