using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using QrForge.Server.Api;
using QrForge.Server.Storage;
using Scalar.AspNetCore;

namespace QrForge.Server.Operations;

public static class OperationsExtensions
{
    /// <summary>Problem details, snake_case JSON, OpenAPI, JSON logs, health checks, metrics and traces.</summary>
    public static TBuilder AddOperations<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<QrForgeOptions>().Bind(builder.Configuration.GetSection(QrForgeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddTimeProvider();
        services.AddSingleton<QrForgeMetrics>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // Requests the framework cannot read are described by Api/ApiExceptionHandler.
            c.ProblemDetails.Extensions["request_id"] = c.HttpContext.TraceIdentifier;
            if (c.ProblemDetails.Type?.StartsWith(Problems.TypeBase, StringComparison.Ordinal) == true)
            {
                return;
            }

            c.ProblemDetails.Type = Problems.TypeBase + (c.ProblemDetails.Status switch
            {
                400 => "bad-request",
                404 => "not-found",
                405 => "method-not-allowed",
                413 => "too-large",
                415 => "unsupported-media-type",
                _ => "error",
            });
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddOpenApi(o => o
            .AddSchemaTransformer<Api.OpenApiStrings>()
            .AddDocumentTransformer<Identity.OpenApiSecurity>()
            .AddOperationTransformer<Api.OpenApiOperationConventions>()
            .AddDocumentTransformer<Api.OpenApiDocumentConventions>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        HealthMetrics.Add(services);

        if (UseJsonLogs(builder.Configuration["Logging:Format"], Console.IsOutputRedirected))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        // The Data Protection key ring (Passes/PassesExtensions) lives in the service's own database or key folder;
        // unless QrForge:Passes:KeyRingCertificatePath is set it is not encrypted there, by choice (docs/security.md,
        // "Data Protection keys"). The platform warns about that for every new key; said once in the docs instead.
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{QrForgeOptions.Section}:Passes:KeyRingCertificatePath"]))
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        }

        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("qrforge"))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(QrForgeMetrics.MeterName).AddPrometheusExporter())
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation();
                if (!string.IsNullOrEmpty(otlp))
                {
                    t.AddOtlpExporter();
                }
            });
        return builder;
    }

    /// <summary>
    /// <c>Logging:Format</c> <c>json</c> or <c>text</c> decides; unset, a terminal gets the platform's readable text and
    /// anything else (a container's log collector, a file, a pipe) JSON lines.
    /// </summary>
    public static bool UseJsonLogs(string? format, bool outputRedirected) => format?.Trim().ToLowerInvariant() switch
    {
        "json" => true,
        "text" => false,
        _ => outputRedirected,
    };

    public static WebApplication UseOperations(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        // A request the framework cannot read (malformed JSON, wrong types) is the client's error: 400, not 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        return app;
    }

    /// <summary><c>/health</c> (alive), <c>/ready</c> (database and cache, JSON), <c>/metrics</c>, <c>/openapi/v1.json</c>, <c>/docs</c>.</summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new { status = "alive" })).WithTags("Operations").ExcludeFromDescription().AllowAnonymous();
        app.MapHealthChecks("/ready", new HealthCheckOptions
        {
            ResponseWriter = WriteReady,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        // Anonymous, like every scrape target; restricted to the admin networks at the edge when configured.
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        if (app.Configuration.GetValue<bool>("QrForge:Benchmark:BareEndpoint"))
        {
            // The ceiling of the host for bench/http: a fixed 500-byte body, no work at all. Off unless asked for.
            var bare = new byte[500];
            Array.Fill(bare, (byte)'x');
            app.MapGet("/bench/bare", () => TypedResults.Bytes(bare, "application/octet-stream")).ExcludeFromDescription().AllowAnonymous();
        }

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // No fonts from Scalar's CDN: a self-hosted service does not send its visitors to a third party (and the
        // page's Content-Security-Policy, Edge/SecurityHeadersMiddleware, allows fonts from this origin only).
        app.MapScalarApiReference("/docs", o => o.WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableDefaultFonts()).AllowAnonymous();
        return app;
    }

    private static Task WriteReady(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsJsonAsync(body);
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}

/// <summary>Ready check: the database answers within two seconds.</summary>
internal sealed class DatabaseHealthCheck(QrForgeDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return await db.Database.CanConnectAsync(timeout.Token)
                ? HealthCheckResult.Healthy(db.Database.ProviderName)
                : HealthCheckResult.Unhealthy("the database does not answer");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the database does not answer", e);
        }
    }
}
