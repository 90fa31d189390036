using QrForge.Server;

var app = ServerApp.Build(args);
await ServerApp.RunAsync(app);

/// <summary>The service's entry point; public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
