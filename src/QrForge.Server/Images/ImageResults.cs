namespace QrForge.Server.Images;

/// <summary>How every image leaves the service: content type, strong ETag, Cache-Control, 304 on a match.</summary>
public static class ImageResults
{
    /// <summary>Writes an image with a strong ETag (a hash of the bytes), answering 304 when it matches.</summary>
    public static IResult Send(HttpContext http, CachedImage image, string format, int maxAgeSeconds)
    {
        var headers = http.Response.Headers;
        headers.ETag = image.ETag;
        headers.CacheControl = "public, max-age=" + maxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && Matches(ifNoneMatch, image.ETag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(image.Body, ImageFormat.ContentType(format));
    }

    // If-None-Match is "*" or a comma-separated list of entity tags; weak tags never match a strong comparison.
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
        {
            foreach (var range in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (range == "*" || range == etag)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
