using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QrForge.Cli.Hosting;
using QrForge.Server.Audit;
using QrForge.Server.Identity;
using QrForge.Server.Storage;

namespace QrForge.Cli;

/// <summary><c>qrforge users create</c>: the first admin of a tenant, or any user, straight into the database.</summary>
internal static class UserCommands
{
    public static Command Users(CliConsole console)
    {
        var email = CliOptions.Text("--email", "EMAIL", "The user's email address.");
        var role = CliOptions.Text("--role", "ROLE", "admin, operator, viewer or scanner.");
        var tenant = CliOptions.Text("--tenant", "TENANT", "Tenant id or name; a new name makes the tenant. [default: default]");
        email.Required = true;
        role.Required = true;
        var settings = ServerCommands.Settings();
        var create = new Command("create", "Create a user (or give an existing one a role) in a tenant. The password is read from standard input.")
        {
            email, role, tenant, settings,
        };
        create.SetAction(async (r, ct) =>
        {
            var password = await ReadPasswordAsync(console);
            if (password is null)
            {
                await console.Error.WriteLineAsync("qrforge: pipe the password on standard input, e.g. `printf '%s' \"$PASSWORD\" | qrforge users create …`.");
                return ExitCodes.Usage;
            }

            using var host = CliHost.Build(r.GetValue(settings));
            await host.Services.MigrateOnStartupAsync();
            await using var scope = host.Services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var errors = new Dictionary<string, string[]>();
            var tenantName = r.GetValue(tenant) ?? "default";
            var target = await accounts.FindTenantAsync(tenantName, ct) ?? await accounts.CreateTenantAsync(tenantName, errors, ct);
            var made = target is null ? null : await accounts.AddMemberAsync(target.Id, r.GetValue(email), password, r.GetValue(role), errors, ct);
            if (made is not { } result)
            {
                foreach (var (field, messages) in errors)
                {
                    await console.Error.WriteLineAsync($"qrforge: {(field == "name" ? "tenant" : field)}: {string.Join(" ", messages)}");
                }

                return ExitCodes.Usage;
            }

            var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            await audit.RecordAsAsync(target!.Id, "cli", null, result.CreatedUser ? "user.create" : "user.role_change", "user", result.User.Id.ToString(), $"{result.User.Email} is {result.Membership.Role} (qrforge users create)", ct);
            await console.Out.WriteLineAsync($"{(result.CreatedUser ? "Created" : "Updated")} {result.User.Email} ({result.User.Id}) as {result.Membership.Role} in tenant {target.Name} ({target.Id}).");
            await console.Out.WriteLineAsync($"Database: {CliHost.Describe(scope.ServiceProvider.GetRequiredService<QrForgeDbContext>())}");
            return ExitCodes.Success;
        });
        return new Command("users", "User accounts.") { create };
    }

    // The first line of standard input, without its line end; null when standard input is a terminal or empty.
    private static async Task<string?> ReadPasswordAsync(CliConsole console)
    {
        if (console.In is null)
        {
            return null;
        }

        using var reader = new StreamReader(console.In, leaveOpen: true);
        var line = await reader.ReadLineAsync();
        return string.IsNullOrEmpty(line) ? null : line;
    }
}
