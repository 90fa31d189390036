using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QrForge.Server.Operations;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

/// <summary>
/// On start, when <c>QrForge:Auth:BootstrapAdminEmail</c> and <c>…Password</c> are set and no user exists yet,
/// makes that user an admin of the default tenant. Once any user exists it does nothing, so the variables can stay.
/// Values it cannot use (a password shorter than <c>MinPasswordLength</c>, an invalid email) stop the start.
/// </summary>
public sealed class BootstrapAdmin(IServiceScopeFactory scopes, IOptions<AuthOptions> options, ILogger<BootstrapAdmin> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
        try
        {
            if (await db.Set<User>().AnyAsync(cancellationToken))
            {
                return;
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // Not migrated yet (MigrateOnStartup off): the migration job runs first; nothing to do here.
            IdentityLog.BootstrapAdminRefused(logger, "the database is not ready: " + e.Message);
            return;
        }

        if (string.IsNullOrWhiteSpace(settings.BootstrapAdminEmail) || string.IsNullOrEmpty(settings.BootstrapAdminPassword))
        {
            IdentityLog.NoUsers(logger);
            return;
        }

        var errors = new Dictionary<string, string[]>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var made = await accounts.AddMemberAsync(TenantContext.DefaultTenantId, settings.BootstrapAdminEmail, settings.BootstrapAdminPassword, Roles.Admin, errors, cancellationToken);
        if (made is null)
        {
            // Running on with no user at all would leave the operator locked out with nothing but a log line.
            var reasons = string.Join(" ", errors.SelectMany(e => e.Value));
            IdentityLog.BootstrapAdminRefused(logger, reasons);
            throw new StartupRefusedException(
                $"The bootstrap admin (QRFORGE_BOOTSTRAP_ADMIN_EMAIL / QRFORGE_BOOTSTRAP_ADMIN_PASSWORD, or QrForge:Auth:BootstrapAdmin*) cannot be created: {reasons} "
                + $"Fix the variables (passwords need at least {settings.MinPasswordLength} characters, QrForge:Auth:MinPasswordLength) and start again.");
        }

        IdentityLog.BootstrapAdminCreated(logger, made.Value.User.Email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
