namespace QrForge.Server.Passes;

public static class PassesExtensions
{
    /// <summary>Registers passes, keys, check-in and warming (their signing keys are protected by Storage's Data Protection).</summary>
    public static IServiceCollection AddPasses(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<PassesOptions>().BindConfiguration(PassesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PassKeyRing>();
        services.AddSingleton<PassWarmer>();
        services.AddScoped<PassService>();
        services.AddScoped<CheckInService>();
        services.AddSingleton<CheckInWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckInWriter>());
        return services;
    }

    /// <summary>Maps events, subjects, passes, check-ins, keys and warming.</summary>
    public static IEndpointRouteBuilder MapPasses(this IEndpointRouteBuilder app)
    {
        app.MapEvents();
        app.MapSubjects();
        app.MapPassApi();
        app.MapCheckIns();
        app.MapPassImageLinks();
        app.MapPassAdmin();
        app.MapPassKeys();
        app.MapWarming();
        return app;
    }
}
