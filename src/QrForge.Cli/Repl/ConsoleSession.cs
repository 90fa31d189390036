using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QrForge.Cli.Hosting;
using QrForge.Server.Codes;
using QrForge.Server.Passes;
using QrForge.Server.Storage;

namespace QrForge.Cli.Repl;

/// <summary>What one submission did.</summary>
internal enum SubmissionOutcome
{
    /// <summary>Ran; its value (if any) was printed.</summary>
    Ran,

    /// <summary>Did not compile; the compiler's messages were printed.</summary>
    CompileError,

    /// <summary>Threw; the exception was printed.</summary>
    Threw,

    /// <summary>Cancelled with Ctrl+C.</summary>
    Cancelled,
}

/// <summary>
/// One console session: the services-only host, one service scope (one database context) for the whole session,
/// the Roslyn script state that carries variables from line to line, and the <c>--sandbox</c> transaction.
/// Each submission compiles against the previous one (<see cref="Script.ContinueWith(string, ScriptOptions)"/>).
/// </summary>
internal sealed class ConsoleSession : IAsyncDisposable
{
    /// <summary>Namespaces imported in every submission.</summary>
    public static readonly string[] Imports =
    [
        "System", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks", "Microsoft.EntityFrameworkCore",
        "QrForge.Encoding", "QrForge.Rendering", "QrForge.Scanning",
        "QrForge.Server.Codes", "QrForge.Server.Links", "QrForge.Server.Passes", "QrForge.Server.Identity", "QrForge.Server.Audit", "QrForge.Server.Storage",
    ];

    private readonly IHost _host;
    private readonly AsyncServiceScope _scope;
    private readonly IDbContextTransaction? _sandbox;
    private readonly IHostedService[] _writers;
    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private Task<ScriptState<object>>? _first;
    private ScriptState<object>? _state;

    private ConsoleSession(IHost host, IHostedService[] writers, AsyncServiceScope scope, IDbContextTransaction? sandbox, ScriptOptions options, TextWriter output, TextWriter error)
    {
        _host = host;
        _writers = writers;
        _scope = scope;
        _sandbox = sandbox;
        Options = options;
        _out = output;
        _error = error;
        Globals = new ConsoleGlobals(scope.ServiceProvider);
    }

    public ConsoleGlobals Globals { get; }

    public ScriptOptions Options { get; }

    public bool IsSandbox => _sandbox is not null;

    /// <summary>Where the session's database is (provider and connection string without its password).</summary>
    public string Database => CliHost.Describe(Globals.Db);

    /// <summary>The script so far (null before the first submission), for completion.</summary>
    public Script? Script => _state?.Script;

    /// <summary>
    /// Builds the host (migrating as the service would), opens the sandbox transaction when asked, and starts
    /// compiling an empty submission in the background, so the prompt shows while the compiler loads (the first
    /// line waits for it if typed sooner).
    /// </summary>
    public static async Task<ConsoleSession> StartAsync(string[]? settings, bool sandbox, bool readOnly, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var user = Environment.UserName;
        var host = CliHost.Build(settings, services =>
        {
            services.ConfigureDbContext<SqliteQrForgeDbContext>((sp, o) => AddInterceptors(o, readOnly, user));
            services.ConfigureDbContext<PostgresQrForgeDbContext>((sp, o) => AddInterceptors(o, readOnly, user));
        });
        try
        {
            if (!readOnly)
            {
                await host.Services.MigrateOnStartupAsync();
            }

            // The services hand new codes and check-ins to batch writers that the service runs in the background;
            // the console runs those two (and no other background work), or such calls would wait forever.
            IHostedService[] writers = [host.Services.GetRequiredService<CodeWriter>(), host.Services.GetRequiredService<CheckInWriter>()];
            foreach (var writer in writers)
            {
                await writer.StartAsync(ct);
            }

            var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QrForgeDbContext>();
            var transaction = sandbox ? await db.Database.BeginTransactionAsync(ct) : null;
            var session = new ConsoleSession(host, writers, scope, transaction, BuildOptions(), output, error);
            session._first = Task.Run(() => CSharpScript.RunAsync("", session.Options, session.Globals, typeof(ConsoleGlobals), CancellationToken.None), CancellationToken.None);
            return session;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Compiles and runs one complete submission (or a <c>#</c> command) and prints what came of it.</summary>
    public async Task<SubmissionOutcome> SubmitAsync(string code, CancellationToken ct)
    {
        _state ??= await _first!;
        var script = _state.Script.ContinueWith(code, Options);
        var diagnostics = script.Compile(ct).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (diagnostics.Count > 0)
        {
            foreach (var diagnostic in diagnostics.Take(10))
            {
                await _error.WriteLineAsync(diagnostic.ToString());
            }

            return SubmissionOutcome.CompileError;
        }

        Globals.Ct = ct;
        Exception? thrown = null;
        try
        {
            var state = await script.RunFromAsync(_state, _ => true, ct);
            _state = state;
            thrown = state.Exception;
            if (thrown is null)
            {
                var value = state.ReturnValue is Task task ? await AwaitResultAsync(task) : state.ReturnValue;
                if (value is not null || ShowsValue(script))
                {
                    ResultPrinter.Print(_out, value);
                }

                return SubmissionOutcome.Ran;
            }
        }
        catch (Exception e) when (e is OperationCanceledException || ct.IsCancellationRequested)
        {
            thrown = e;
        }
#pragma warning disable CA1031 // The user's code failed: show it, keep the session.
        catch (Exception e)
#pragma warning restore CA1031
        {
            thrown = e;
        }

        if (thrown is OperationCanceledException && ct.IsCancellationRequested)
        {
            await _error.WriteLineAsync("cancelled");
            return SubmissionOutcome.Cancelled;
        }

        thrown = thrown is TargetInvocationException { InnerException: { } inner } ? inner : thrown;
        await _error.WriteLineAsync($"{thrown!.GetType().Name}: {thrown.Message}");
        return SubmissionOutcome.Threw;
    }

    /// <summary>Switches the session to another tenant, by name or id.</summary>
    public async Task<string> UseTenantAsync(string nameOrId, CancellationToken ct)
    {
        var tenant = await Globals.Accounts.FindTenantAsync(nameOrId.Trim(), ct)
            ?? throw new ArgumentException($"no tenant named or with id '{nameOrId.Trim()}'");
        Globals.Get<TenantContext>().TenantId = tenant.Id;
        Globals.TenantName = tenant.Name;
        Globals.Db.ChangeTracker.Clear();
        return $"tenant {tenant.Name} ({tenant.Id})";
    }

    /// <summary>The names that complete the text before <paramref name="position"/>, in order.</summary>
    public IReadOnlyList<string> Complete(string text, int position)
    {
        _state ??= _first!.GetAwaiter().GetResult();
        return Completion.Candidates(_state.Script, Options, text, position);
    }

    public async ValueTask DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        if (_sandbox is not null)
        {
            await _sandbox.RollbackAsync();
            await _sandbox.DisposeAsync();
        }

        await _scope.DisposeAsync();
        foreach (var writer in _writers)
        {
            await writer.StopAsync(CancellationToken.None);
        }

        _host.Dispose();
    }

    /// <summary>True when the submission ends with an expression that has a value (so a null is shown as null).</summary>
    private static bool ShowsValue(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        if (tree.GetRoot() is not Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax unit
            || unit.Members.LastOrDefault() is not Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax { Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last })
        {
            return false;
        }

        var type = compilation.GetSemanticModel(tree).GetTypeInfo(last.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private static async Task<object?> AwaitResultAsync(Task task)
    {
        await task;
        var type = task.GetType();
        return type.IsGenericType && type.GetProperty(nameof(Task<object>.Result)) is { } result && result.PropertyType.Name != "VoidTaskResult"
            ? result.GetValue(task)
            : null;
    }

    private static void AddInterceptors(DbContextOptionsBuilder options, bool readOnly, string user)
    {
        if (readOnly)
        {
            options.AddInterceptors(new ReadOnlyInterceptor());
        }

        options.AddInterceptors(new ConsoleAuditInterceptor(user, TimeProvider.System));
    }

    private static ScriptOptions BuildOptions()
    {
        // The framework and the application's own assemblies: what the tool itself runs with.
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var references = paths
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
                || name.StartsWith("QrForge.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll" or "Npgsql.dll" or "StackExchange.Redis.dll"))
            .Where(p => !p.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal) && !p.Contains("Microsoft.VisualBasic", StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(ConsoleGlobals).Assembly.Location));
        return ScriptOptions.Default
            .WithReferences(references)
            .WithImports(Imports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithOptimizationLevel(OptimizationLevel.Debug);
    }

    /// <summary>Whether <paramref name="text"/> is a complete submission (false: keep reading lines).</summary>
    public static bool IsComplete(string text) =>
        SyntaxFactory.IsCompleteSubmission(CSharpSyntaxTree.ParseText(text, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest)));
}
