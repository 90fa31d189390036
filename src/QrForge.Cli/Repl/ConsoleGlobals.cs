using Microsoft.Extensions.DependencyInjection;
using QrForge.Encoding;
using QrForge.Rendering;
using QrForge.Scanning;
using QrForge.Server.Audit;
using QrForge.Server.Codes;
using QrForge.Server.Identity;
using QrForge.Server.Links;
using QrForge.Server.Passes;
using QrForge.Server.Storage;

namespace QrForge.Cli.Repl;

/// <summary>
/// What a <c>qrforge console</c> line sees without qualification: the services of the application on the configured
/// database, in the current tenant (<c>#tenant NAME</c> changes it), and short helpers for symbols.
/// Public because Roslyn scripts are compiled against it; it is not an API of the tool.
/// </summary>
#pragma warning disable CA1515 // Scripts compiled at run time must see this type.
public sealed class ConsoleGlobals
#pragma warning restore CA1515
{
    private readonly IServiceProvider _services;

    internal ConsoleGlobals(IServiceProvider services) => _services = services;

    /// <summary>The session's services (one scope: one database context, one tenant).</summary>
    public IServiceProvider Services => _services;

    /// <summary>The database context, filtered to the current tenant.</summary>
    public QrForgeDbContext Db => Get<QrForgeDbContext>();

    /// <summary>Stored codes: <c>await Codes.ListAsync(null, 20, null, null, null, Ct)</c>.</summary>
    public CodeService Codes => Get<CodeService>();

    /// <summary>Dynamic links.</summary>
    public LinkService Links => Get<LinkService>();

    /// <summary>Passes: issue, revoke, verify.</summary>
    public PassService Passes => Get<PassService>();

    /// <summary>Tenants, users and memberships.</summary>
    public AccountService Accounts => Get<AccountService>();

    /// <summary>The audit trail.</summary>
    public AuditTrail Audit => Get<AuditTrail>();

    /// <summary>Users with a membership in the current tenant.</summary>
    public IQueryable<User> Users => Db.Set<User>().Where(u => Db.Set<Membership>().Any(m => m.UserId == u.Id && m.TenantId == TenantId));

    /// <summary>The current tenant's id.</summary>
    public Guid TenantId => Get<TenantContext>().TenantId;

    /// <summary>The current tenant's name (set by <c>#tenant</c>).</summary>
    public string TenantName { get; internal set; } = "default";

    /// <summary>Cancelled when Ctrl+C is pressed while a line runs: pass it to anything that waits.</summary>
    public CancellationToken Ct { get; internal set; }

    /// <summary>Any registered service.</summary>
    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Encodes text as the smallest QR Code symbol (ECC M unless given).</summary>
    public static QrCode Encode(string text, Ecc ecc = Ecc.M) => QrCode.EncodeText(text, ecc);

    /// <summary>The symbol as PNG bytes.</summary>
    public static byte[] Png(QrCode symbol) => PngRenderer.Render(symbol);

    /// <summary>The symbol as an SVG document.</summary>
    public static string Svg(QrCode symbol) => SvgRenderer.Render(symbol);

    /// <summary>Reads the symbols in an image (PNG, JPEG…).</summary>
    public static ScanResult Decode(byte[] image) => Scanner.Read(image);

    /// <summary>Reads the symbols in an image file.</summary>
    public static ScanResult Decode(string path) => Scanner.Read(File.ReadAllBytes(path));

    /// <summary>
    /// Creates a stored code through the session's database context: in the <c>--sandbox</c> transaction when there
    /// is one, and audited as the console. (<c>Codes.CreateAsync</c> goes through the service's batch writer, which
    /// writes on a connection of its own, outside any sandbox.)
    /// </summary>
    public async Task<CodeSnapshot> CreateCodeAsync(string data, string? label = null, double? expirationHours = null)
    {
        var errors = new Dictionary<string, string[]>();
        var code = Codes.Validate(new CreateCodeRequest(data, null, expirationHours, null, label, null, null, null), errors)
            ?? throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        Db.Codes.Add(code);
        await Db.SaveChangesAsync(Ct);
        return CodeSnapshot.From(code);
    }

    /// <summary>Adds a user (or gives an existing one a role) in the current tenant; throws with the reasons when refused.</summary>
    public async Task<User> AddUserAsync(string email, string password, string role = Roles.Viewer)
    {
        var errors = new Dictionary<string, string[]>();
        var made = await Accounts.AddMemberAsync(TenantId, email, password, role, errors, Ct);
        return made?.User ?? throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
    }
}
