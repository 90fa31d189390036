using QrForge.Server.Caching;
using QrForge.Server.Codes;
using QrForge.Server.Jobs;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServerConfiguration();
builder.AddOperations();
builder.Services.AddStorage(builder.Configuration);
builder.Services.AddCaching(builder.Configuration);
builder.Services.AddCodes(builder.Configuration);
builder.Services.AddJobs(builder.Configuration);

var app = builder.Build();
await app.Services.MigrateOnStartupAsync();
app.UseOperations();
app.MapOperations();
app.MapCodes();
app.MapRender();
app.MapLegacy();
await app.RunAsync();

/// <summary>The service's entry point; public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
