using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QrForge.Cli.Client;

/// <summary>
/// The CLI as a client of a running service: <c>qrforge codes|links|passes list|get|create|delete …</c> and
/// <c>qrforge jobs warm|get</c>, with <c>--server URL</c> and the API key from the environment or the config file
/// (<see cref="ClientSettings"/>). Output: a table on a terminal, JSON otherwise (<c>--json</c> / <c>--table</c>
/// force one).
/// </summary>
internal static class ApiCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Adds list, get, create and delete of stored codes to <c>qrforge codes</c>.</summary>
    public static void AddCodes(Command codes, CliConsole console)
    {
        const string Path = "api/v1/codes";
        codes.Add(List(console, "codes", Path, ["id", "label", "data", "ecc", "version", "expires_at", "expired"]));
        codes.Add(Get(console, "code", Path));
        var data = Required("--data", "TEXT", "The text the code holds.");
        var label = CliOptions.Text("--label", "LABEL", "A label to find it by.");
        var hours = CliOptions.Integer("--expiration-hours", 1, 87600, "Hours until it expires. [default: never]");
        codes.Add(Create(console, "code", Path, [data, label, hours], r => new JsonObject
        {
            ["data"] = r.GetValue(data),
            ["label"] = r.GetValue(label),
            ["expiration_hours"] = r.GetValue(hours),
        }));
        codes.Add(Delete(console, "code", Path));
    }

    /// <summary><c>qrforge links list|get|create|delete</c>.</summary>
    public static Command Links(CliConsole console)
    {
        const string Path = "api/v1/links";
        var links = new Command("links", "Dynamic links on a running service (--server).");
        links.Add(List(console, "links", Path, ["id", "slug", "short_url", "destination", "status", "expires_at"]));
        links.Add(Get(console, "link", Path));
        var destination = Required("--destination", "URL", "Where the link sends visitors.");
        var slug = CliOptions.Text("--slug", "SLUG", "The short path. [default: generated]");
        var title = CliOptions.Text("--title", "TITLE", "A title for people.");
        links.Add(Create(console, "link", Path, [destination, slug, title], r => new JsonObject
        {
            ["destination"] = r.GetValue(destination),
            ["slug"] = r.GetValue(slug),
            ["title"] = r.GetValue(title),
        }));
        links.Add(Delete(console, "link", Path));
        return links;
    }

    /// <summary>Adds list, get, create and revoke of passes to <c>qrforge passes</c>.</summary>
    public static void AddPasses(Command passes, CliConsole console)
    {
        const string Path = "api/v1/passes";
        passes.Add(List(console, "passes", Path, ["id", "event_id", "subject_id", "status", "valid_from", "valid_until"]));
        passes.Add(Get(console, "pass", Path));
        var eventId = Required("--event", "ID", "The event the pass admits to.");
        var subject = Required("--subject", "ID", "Whom the pass is for.");
        passes.Add(Create(console, "pass", Path, [eventId, subject], r => new JsonObject
        {
            ["event_id"] = r.GetValue(eventId),
            ["subject_id"] = r.GetValue(subject),
        }));
        var id = Id("pass");
        var reason = CliOptions.Text("--reason", "TEXT", "Why (kept with the revocation).");
        var revoke = Remote(new Command("revoke", "Revoke a pass.") { id, reason }, console, null,
            (r, api, ct) => api.PostAsync($"{Path}/{r.GetValue(id)}/revoke", new JsonObject { ["reason"] = r.GetValue(reason) }, ct));
        passes.Add(revoke);
    }

    /// <summary><c>qrforge jobs warm EVENT</c> and <c>qrforge jobs get EVENT JOB</c>: image warming jobs.</summary>
    public static Command Jobs(CliConsole console)
    {
        var jobs = new Command("jobs", "Background jobs on a running service (--server): image warming of an event's passes.");
        var eventId = new Argument<Guid>("EVENT") { Description = "The event's id." };
        var formats = CliOptions.Text("--formats", "LIST", "Comma-separated png, svg, pdf. [default: png]");
        jobs.Add(Remote(new Command("warm", "Start warming the images of an event's passes.") { eventId, formats }, console, null, (r, api, ct) =>
            api.PostAsync($"api/v1/events/{r.GetValue(eventId)}/warm{(r.GetValue(formats) is { } f ? "?formats=" + Uri.EscapeDataString(f) : "")}", null, ct)));
        var eventOfJob = new Argument<Guid>("EVENT") { Description = "The event's id." };
        var job = new Argument<Guid>("JOB") { Description = "The job's id (from jobs warm)." };
        jobs.Add(Remote(new Command("get", "A warming job's progress.") { eventOfJob, job }, console, null, (r, api, ct) =>
            api.GetAsync($"api/v1/events/{r.GetValue(eventOfJob)}/warm/{r.GetValue(job)}", ct)));
        return jobs;
    }

    private static Command List(CliConsole console, string what, string path, string[] columns)
    {
        var limit = CliOptions.Integer("--limit", 1, 1000, "Rows per page. [default: the service's]");
        var cursor = CliOptions.Text("--cursor", "CURSOR", "Where to continue (next_cursor of the previous page).");
        return Remote(new Command("list", $"List {what}.") { limit, cursor }, console, columns, (r, api, ct) =>
        {
            var query = new List<string>();
            if (r.GetValue(limit) is { } n)
            {
                query.Add("limit=" + n.ToString(CultureInfo.InvariantCulture));
            }

            if (r.GetValue(cursor) is { } c)
            {
                query.Add("cursor=" + Uri.EscapeDataString(c));
            }

            return api.GetAsync(query.Count == 0 ? path : path + "?" + string.Join('&', query), ct);
        });
    }

    private static Command Get(CliConsole console, string what, string path)
    {
        var id = Id(what);
        return Remote(new Command("get", $"Show one {what}.") { id }, console, null, (r, api, ct) => api.GetAsync($"{path}/{r.GetValue(id)}", ct));
    }

    private static Command Create(CliConsole console, string what, string path, Option[] options, Func<ParseResult, JsonObject> body)
    {
        var command = new Command("create", $"Create a {what}.");
        foreach (var option in options)
        {
            command.Add(option);
        }

        return Remote(command, console, null, (r, api, ct) => api.PostAsync(path, WithoutNulls(body(r)), ct));
    }

    private static Command Delete(CliConsole console, string what, string path)
    {
        var id = Id(what);
        return Remote(new Command("delete", $"Delete a {what}.") { id }, console, null, async (r, api, ct) =>
            await api.DeleteAsync($"{path}/{r.GetValue(id)}", ct) ?? new JsonObject { ["deleted"] = r.GetValue(id).ToString() });
    }

    /// <summary>Adds --server, --json and --table to <paramref name="command"/> and runs <paramref name="call"/> as its action.</summary>
    private static Command Remote(Command command, CliConsole console, string[]? columns, Func<ParseResult, ApiClient, CancellationToken, Task<JsonNode?>> call)
    {
        var server = CliOptions.Text("--server", "URL", "The service's address. [default: QRFORGE_SERVER or the config file]");
        var json = CliOptions.Flag("--json", "Print the service's JSON answer (the default when the output is not a terminal).");
        var table = CliOptions.Flag("--table", "Print a table (the default on a terminal).");
        command.Add(server);
        command.Add(json);
        command.Add(table);
        command.SetAction(async (r, ct) =>
        {
            if (r.GetValue(json) && r.GetValue(table))
            {
                throw new CliUsageException("--json and --table cannot be combined");
            }

            using var api = new ApiClient(ClientSettings.Resolve(r.GetValue(server)));
            JsonNode? answer;
            try
            {
                answer = await call(r, api, ct);
            }
            catch (ApiException e)
            {
                return CliApp.Fail(console, e.ExitCode, e.Message);
            }

            var asTable = r.GetValue(table) || (!r.GetValue(json) && ReferenceEquals(console.Out, System.Console.Out) && !System.Console.IsOutputRedirected);
            await console.Out.WriteLineAsync(asTable ? JsonTable.Render(answer, columns) : answer?.ToJsonString(Indented) ?? "null");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Argument<Guid> Id(string what) => new("ID") { Description = $"The {what}'s id." };

    private static Option<string?> Required(string name, string helpName, string description)
    {
        var option = CliOptions.Text(name, helpName, description);
        option.Required = true;
        return option;
    }

    private static JsonObject WithoutNulls(JsonObject body)
    {
        foreach (var key in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            body.Remove(key);
        }

        return body;
    }
}
