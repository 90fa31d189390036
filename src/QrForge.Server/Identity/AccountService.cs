using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QrForge.Server.Storage;

namespace QrForge.Server.Identity;

/// <summary>Users, passwords, memberships and tenants: the logic shared by the API, the CLI and the bootstrap.</summary>
public sealed class AccountService(QrForgeDbContext db, TimeProvider clock, IOptions<AuthOptions> options, LoginThrottle throttle)
{
    private static readonly PasswordHasher<User> Hasher = new();

    // Verified when the email is unknown, so a wrong email costs as much time as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(new User(), "not a password of anyone");

    private AuthOptions Settings => options.Value;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The outcome of a sign-in from <paramref name="client"/> (its address): the user and membership, or null for
    /// any failure (one error for all). Every failure costs one user look-up and one password hash, whether the
    /// email is unknown, the account disabled, the pair delayed by <see cref="LoginThrottle"/> or the password
    /// wrong, and writes nothing to the database, so that its time tells nothing.
    /// </summary>
    public async Task<(User User, Membership Membership)?> SignInAsync(string email, string password, Guid? tenantId, string client, CancellationToken ct)
    {
        var normalized = User.NormalizeEmail(email);
        var delayed = await throttle.IsDelayedAsync(normalized, client, ct);
        var user = await db.Set<User>().FirstOrDefaultAsync(u => u.Email == normalized, ct);
        if (user is null || user.DisabledAt is not null || delayed)
        {
            Hasher.VerifyHashedPassword(new User(), DummyHash, password);
            await throttle.FailedAsync(normalized, client, ct);
            return null;
        }

        var verdict = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await throttle.FailedAsync(normalized, client, ct);
            return null;
        }

        var memberships = db.Set<Membership>().IgnoreQueryFilters().Where(m => m.UserId == user.Id);
        var membership = tenantId is { } wanted
            ? await memberships.FirstOrDefaultAsync(m => m.TenantId == wanted, ct)
            : await memberships.OrderBy(m => m.CreatedAt).FirstOrDefaultAsync(ct);
        if (membership is null)
        {
            await throttle.FailedAsync(normalized, client, ct);
            return null;
        }

        await throttle.SucceededAsync(normalized, client, ct);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
            await db.SaveChangesAsync(ct);
        }

        return (user, membership);
    }

    /// <summary>Checks an email; returns the normalised form or adds an error.</summary>
    public static string? ValidateEmail(string? email, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254 || !MailAddress.TryCreate(email.Trim(), out var parsed) || parsed.Address != email.Trim())
        {
            errors["email"] = ["email must be a plain address such as ada@example.com (at most 254 characters)."];
            return null;
        }

        return User.NormalizeEmail(email);
    }

    public void ValidatePassword(string? password, Dictionary<string, string[]> errors)
    {
        if (password is null || password.Length < Settings.MinPasswordLength || password.Length > 1024)
        {
            errors["password"] = [$"password must be {Settings.MinPasswordLength}-1024 characters."];
        }
    }

    public static void ValidateRole(string? role, Dictionary<string, string[]> errors, string field = "role")
    {
        if (!Roles.IsKnown(role))
        {
            errors[field] = ["role must be admin, operator, viewer or scanner."];
        }
    }

    /// <summary>
    /// Gives a user a role in a tenant, creating the user when the email is new (then a password is needed). A user
    /// already in the tenant gets the new role. Returns null with errors when the request is invalid.
    /// </summary>
    public async Task<(User User, Membership Membership, bool CreatedUser)?> AddMemberAsync(
        Guid tenantId, string? email, string? password, string? role, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var normalized = ValidateEmail(email, errors);
        ValidateRole(role, errors);
        if (password is not null)
        {
            ValidatePassword(password, errors);
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var now = Now;
        var user = await db.Set<User>().FirstOrDefaultAsync(u => u.Email == normalized, ct);
        var created = user is null;
        if (user is null)
        {
            if (password is null)
            {
                errors["password"] = ["password is required for a new user."];
                return null;
            }

            user = new User { Id = Guid.CreateVersion7(clock.GetUtcNow()), Email = normalized!, CreatedAt = now };
            user.PasswordHash = Hasher.HashPassword(user, password);
            db.Add(user);
        }

        var membership = await db.Set<Membership>().IgnoreQueryFilters().FirstOrDefaultAsync(m => m.TenantId == tenantId && m.UserId == user.Id, ct);
        if (membership is null)
        {
            membership = new Membership { TenantId = tenantId, UserId = user.Id, Role = role!, CreatedAt = now };
            db.Add(membership);
        }
        else
        {
            membership.Role = role!;
        }

        await db.SaveChangesAsync(ct);
        return (user, membership, created);
    }

    /// <summary>Finds a tenant by id or name.</summary>
    public Task<Tenant?> FindTenantAsync(string idOrName, CancellationToken ct) =>
        Guid.TryParse(idOrName, out var id)
            ? db.Set<Tenant>().FirstOrDefaultAsync(t => t.Id == id, ct)
            : db.Set<Tenant>().FirstOrDefaultAsync(t => t.Name == idOrName, ct);

    /// <summary>Creates a tenant; null with an error when the name is invalid or taken.</summary>
    public async Task<Tenant?> CreateTenantAsync(string? name, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors["name"] = ["name must be 1-100 characters."];
            return null;
        }

        if (await db.Set<Tenant>().AnyAsync(t => t.Name == name, ct))
        {
            errors["name"] = [$"A tenant named '{name}' exists."];
            return null;
        }

        var tenant = new Tenant { Id = Guid.CreateVersion7(clock.GetUtcNow()), Name = name, CreatedAt = Now };
        db.Add(tenant);
        await db.SaveChangesAsync(ct);
        return tenant;
    }
}
