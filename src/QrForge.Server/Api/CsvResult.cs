using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;

namespace QrForge.Server.Api;

/// <summary>
/// A CSV download written row by row as the rows arrive (never the whole file in memory), with formula-safe cells
/// (<see cref="Csv"/>): every export of the service answers with one.
/// </summary>
public sealed class CsvResult(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<string?>> rows) : IResult, IEndpointMetadataProvider
{
    private const int FlushBytes = 32 * 1024;

    /// <summary>Declares the CSV answer in the OpenAPI document.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/csv"]));
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var ct = httpContext.RequestAborted;
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var body = response.BodyWriter;
        var line = new StringBuilder(256);
        Csv.AppendRow(line, header);
        await foreach (var row in rows.WithCancellation(ct))
        {
            Csv.AppendRow(line, row);
            if (line.Length > FlushBytes / 4)
            {
                System.Text.Encoding.UTF8.GetBytes(line.ToString().AsSpan(), body);
                line.Clear();
                await body.FlushAsync(ct);
            }
        }

        System.Text.Encoding.UTF8.GetBytes(line.ToString().AsSpan(), body);
        await body.FlushAsync(ct);
    }
}
