// CloudFront Function (cloudfront-js-2.0), viewer request. The local stack runs this same file.
// Pretty URLs: /x/ is stored as /x/index.html; /x (no extension) redirects to /x/ so every page has one URL.

// A browser reads a Location of `//host/…` or `/\host/…` as another site, ignores tabs and newlines inside a URL,
// and treats `\` as `/`. Location is therefore rebuilt from the URI as a same-site absolute path: backslashes become
// slashes, control characters and spaces are percent-encoded, and any leading run of slashes (raw or as %2F/%5C)
// becomes one slash.
function sameSitePath(uri) {
  // eslint-disable-next-line no-control-regex -- control characters are what a Location must never carry raw
  var path = uri.replace(/\\/g, '/').replace(/[\x00-\x20\x7f]/g, function (c) {
    return '%' + (c.charCodeAt(0) < 16 ? '0' : '') + c.charCodeAt(0).toString(16).toUpperCase();
  });
  return '/' + path.replace(/^(?:\/|%2f|%5c)+/i, '');
}

function handler(event) {
  var request = event.request;
  var uri = request.uri;
  // Leading slashes or backslashes never name a page: send them to the one same-site form of the path.
  var offSiteLooking = /^(?:\/|\\|%2f|%5c){2,}|^\\/i.test(uri);
  if (uri.endsWith('/') && !offSiteLooking) {
    request.uri = uri + 'index.html';
    return request;
  }
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1 || offSiteLooking) {
    var query = [];
    var qs = request.querystring || {};
    for (var key in qs) {
      if (qs[key] && qs[key].value !== undefined) {
        query.push(encodeURIComponent(key) + '=' + encodeURIComponent(qs[key].value));
      }
    }
    var path = sameSitePath(uri);
    if (!path.endsWith('/') && path.substring(path.lastIndexOf('/') + 1).indexOf('.') === -1) path += '/';
    return {
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: {
        location: { value: path + (query.length ? '?' + query.join('&') : '') },
        'cache-control': { value: 'public, max-age=3600' },
      },
    };
  }
  return request;
}
