// CloudFront Function (cloudfront-js-2.0), viewer response. The local stack runs this same file.
// S3 cannot store a status code, so a taken-down page is stored with the object metadata
// `newsroom-status: 410`; this function turns that into a real 410 Gone and hides the metadata header.
function handler(event) {
  var response = event.response;
  var headers = response.headers;
  var marker = headers['x-amz-meta-newsroom-status'];
  if (marker && marker.value === '410') {
    response.statusCode = 410;
    response.statusDescription = 'Gone';
  }
  delete headers['x-amz-meta-newsroom-status'];
  return response;
}
