namespace QrForge.Server.Jobs;

public static class JobsExtensions
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ExpiryCleanup>();
        services.AddHostedService<ExpiryCleanupService>();
        return services;
    }
}
