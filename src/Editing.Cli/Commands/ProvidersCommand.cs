using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Editing.Host.Plugins;
using Editing.Host.Providers;
using Editing.Sdk.Providers;

[assembly: InternalsVisibleTo("Editing.Providers.Local.Tests")]

namespace Editing.Cli.Commands;

/// <summary>
/// <c>editing providers list [--json]</c>: each installed provider, its models, its settings and where each secret
/// comes from (never a value), and the configuration file; <c>editing providers check ID [--json]</c>: validates the
/// configuration, describes the provider and makes one cheap live call (<see cref="ProviderCheck"/>).
/// </summary>
internal static class ProvidersCommand
{
    public static Command Create()
    {
        var cmd = new Command("providers", "Model providers: list them with their models and configuration, or check one (one cheap live call).");
        cmd.Subcommands.Add(List());
        cmd.Subcommands.Add(Check());
        return cmd;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print the providers as JSON." };
        var cmd = new Command("list", "Every provider, its models, settings, where its secrets come from, and the configuration file.") { json };
        cmd.SetAction(parse => CliErrors.Run(() => Async.Run(async ct =>
        {
            var configuration = ProviderConfiguration.Load();
            await using var session = HostSession.Open();
            return await ListAsync(session.Host, configuration, ProviderConfiguration.DefaultPath(), parse.GetValue(json), Console.Out, ct).ConfigureAwait(false);
        })));
        return cmd;
    }

    private static Command Check()
    {
        var id = new Argument<string>("id") { Description = "The provider id (e.g. editing.comfyui)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var cmd = new Command("check", "Validate a provider's configuration and, with its key (or for a keyless local server), make one cheap live call. Exit 4 when the call fails.")
        {
            id, json,
        };
        cmd.SetAction(parse => CliErrors.Run(() => Async.Run(async ct =>
        {
            var configuration = ProviderConfiguration.Load();
            await using var session = HostSession.Open();
            return await CheckAsync(session.Host, configuration, parse.GetValue(id)!, parse.GetValue(json), Console.Out, ct).ConfigureAwait(false);
        })));
        return cmd;
    }

    /// <summary>The list, to <paramref name="output"/>.</summary>
    internal static async Task<int> ListAsync(PluginHost host, ProviderConfiguration configuration, string configPath, bool json, TextWriter output,
        CancellationToken cancellationToken)
    {
        var rows = new List<(string Id, string Plugin, ProviderDescriptor? Descriptor, string? Error, IReadOnlyDictionary<string, string> Settings, IReadOnlyDictionary<string, string> Secrets)>();
        foreach (var id in host.Catalog.ProviderIds)
        {
            var plugin = host.GetProviderPlugin(id);
            ProviderDescriptor? descriptor = null;
            string? error = null;
            try
            {
                descriptor = await host.DescribeProviderAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (PluginCallException e)
            {
                error = e.Message;
            }

            rows.Add((id, plugin.Manifest.Id, descriptor, error, Displayed(configuration.SettingsFor(id)), configuration.DescribeSecrets(id, plugin.Manifest.SecretEnvironment)));
        }

        var file = configuration.SourcePath ?? configPath;
        var exists = configuration.SourcePath is not null;
        if (json)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("config_file", file);
                w.WriteBoolean("config_file_exists", exists);
                w.WriteStartArray("providers");
                foreach (var row in rows)
                {
                    w.WriteStartObject();
                    w.WriteString("id", row.Id);
                    w.WriteString("plugin", row.Plugin);
                    if (row.Descriptor is { } d)
                    {
                        w.WriteString("version", d.Version.ToString());
                        w.WriteString("name", d.DisplayName);
                        w.WriteBoolean("remote", d.Remote);
                        w.WriteString("description", d.Description);
                        w.WritePropertyName("models");
                        JsonSerializer.Serialize(w, d.Models, Editing.Sdk.SdkJson.Options);
                    }
                    else
                    {
                        w.WriteString("error", row.Error);
                    }

                    w.WriteStartObject("settings");
                    foreach (var (k, v) in row.Settings)
                    {
                        w.WriteString(k, v);
                    }

                    w.WriteEndObject();
                    w.WriteStartObject("secrets");
                    foreach (var (k, v) in row.Secrets)
                    {
                        w.WriteString(k, v);
                    }

                    w.WriteEndObject();
                    w.WriteString("live_check", ProviderCheck.For(row.Id)?.Describe() ?? "none known");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray())).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        foreach (var row in rows)
        {
            if (row.Descriptor is not { } d)
            {
                await output.WriteLineAsync($"{row.Id} (plugin {row.Plugin}): cannot describe: {row.Error}").ConfigureAwait(false);
                continue;
            }

            await output.WriteLineAsync($"{row.Id} {d.Version} ({d.DisplayName}; {(d.Remote ? "remote" : "local")}; plugin {row.Plugin})").ConfigureAwait(false);
            await output.WriteLineAsync("  models:   " + (d.Models.Count == 0 ? "none (" + d.Description + ")"
                : string.Join(", ", d.Models.Select((m, i) => m.ModelId + (i == 0 ? " (default)" : ""))))).ConfigureAwait(false);
            await output.WriteLineAsync("  settings: " + (row.Settings.Count == 0 ? "none" : string.Join(", ", row.Settings.Select(s => $"{s.Key}={s.Value}")))).ConfigureAwait(false);
            await output.WriteLineAsync("  secrets:  " + (row.Secrets.Count == 0 ? "none" : string.Join(", ", row.Secrets.Select(s => $"{s.Key} from {s.Value}")))).ConfigureAwait(false);
            await output.WriteLineAsync("  check:    " + (ProviderCheck.For(row.Id)?.Describe() ?? "no live check known (configuration only)")).ConfigureAwait(false);
        }

        await output.WriteLineAsync($"configuration file: {file}{(exists ? "" : " (not found; optional)")}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>The check of <paramref name="providerId"/>, to <paramref name="output"/>; 0 when it passed, 4 when the live call failed.</summary>
    internal static async Task<int> CheckAsync(PluginHost host, ProviderConfiguration configuration, string providerId, bool json, TextWriter output,
        CancellationToken cancellationToken)
    {
        if (host.Catalog.FindProvider(providerId) is null)
        {
            throw new UsageException($"no provider '{providerId}' is installed (installed: {string.Join(", ", host.Catalog.ProviderIds)})");
        }

        var plugin = host.GetProviderPlugin(providerId);
        var settings = configuration.SettingsFor(providerId);
        var secrets = configuration.SecretsFor(providerId, plugin.Manifest.SecretEnvironment);
        var steps = new List<(string Step, bool Ok, string Detail)>
        {
            ("configuration", true, configuration.SourcePath is { } path ? $"read {path}" : "no configuration file; environment only"),
        };
        try
        {
            var descriptor = await host.DescribeProviderAsync(providerId, cancellationToken).ConfigureAwait(false);
            steps.Add(("describe", descriptor.Models.Count > 0, descriptor.Models.Count > 0
                ? $"{descriptor.Models.Count} model(s): {string.Join(", ", descriptor.Models.Select(m => m.ModelId))}"
                : "no models: " + descriptor.Description));
        }
        catch (PluginCallException e)
        {
            steps.Add(("describe", false, e.Message));
        }

        var scrub = new Func<string, string>(text => secrets.Values.Where(v => v.Length >= 4).Aggregate(text, (t, s) => t.Replace(s, "[secret]", StringComparison.Ordinal)));
        if (ProviderCheck.For(providerId) is not { } check)
        {
            steps.Add(("live call", true, "no live check known for this provider (configuration only)"));
        }
        else if (check.NeedsSecret is { } secret && !secrets.ContainsKey(secret))
        {
            steps.Add(("live call", true, $"skipped: the secret {secret} is not set ({configuration.DescribeSecrets(providerId, plugin.Manifest.SecretEnvironment).GetValueOrDefault(secret, "not set")})"));
        }
        else if (check.Local)
        {
            steps.Add(("live call", true, "a local provider: nothing to call"));
        }
        else
        {
            steps.Add(await check.RunAsync(settings, secrets, scrub, cancellationToken).ConfigureAwait(false));
        }

        var ok = steps.All(s => s.Ok);
        if (json)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("provider", providerId);
                w.WriteBoolean("ok", ok);
                w.WriteStartArray("steps");
                foreach (var (step, passed, detail) in steps)
                {
                    w.WriteStartObject();
                    w.WriteString("step", step);
                    w.WriteBoolean("ok", passed);
                    w.WriteString("detail", scrub(detail));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray())).ConfigureAwait(false);
        }
        else
        {
            foreach (var (step, passed, detail) in steps)
            {
                await output.WriteLineAsync($"{(passed ? "ok  " : "FAIL")} {step}: {scrub(detail)}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"{providerId}: {(ok ? "ok" : "failed")}").ConfigureAwait(false);
        }

        return ok ? ExitCodes.Ok : ExitCodes.ToolFailed;
    }

    /// <summary>Settings as shown: URLs without user information (a password may hide there).</summary>
    private static SortedDictionary<string, string> Displayed(IReadOnlyDictionary<string, string> settings)
    {
        var shown = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in settings)
        {
            shown[k] = Uri.TryCreate(v, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString() : v;
        }

        return shown;
    }

    /// <summary>
    /// One cheap, side-effect-free call per provider, as data: method GET on <c>base_url</c> (the setting, else the
    /// default) + path, with the provider's auth header built from its secret. The host makes it itself, so a plugin
    /// needs no extra entry point (SDK-free); a plugin.json <c>check</c> field could carry the same data later.
    /// </summary>
    internal sealed record ProviderCheck(string Path, string DefaultBaseUrl, string? NeedsSecret, Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>, (string Name, string Value)[]> Headers)
    {
        public bool Local { get; init; }

        public static ProviderCheck? For(string providerId) => providerId switch
        {
            "editing.previs" => new ProviderCheck("", "", null, (_, _) => []) { Local = true },
            // ComfyUI has no auth of its own; a token is for an authenticating proxy in front of it.
            "editing.comfyui" => new ProviderCheck("system_stats", "http://127.0.0.1:8188", null, (settings, secrets) =>
                secrets.TryGetValue("auth_token", out var token)
                    ? [(settings.GetValueOrDefault("auth_header") is { Length: > 0 } h ? h : "Authorization",
                        (settings.GetValueOrDefault("auth_scheme") ?? "Bearer") is { Length: > 0 } scheme ? scheme + " " + token : token)]
                    : []),
            "editing.studio" => new ProviderCheck("v1/capabilities", "http://127.0.0.1:8089", null, (_, secrets) =>
                secrets.TryGetValue("token", out var token) ? [("Authorization", "Bearer " + token)] : []),
            "editing.runway" => new ProviderCheck("v1/organization", "https://api.dev.runwayml.com", "api_key", (_, secrets) =>
                [("Authorization", "Bearer " + secrets["api_key"]), ("X-Runway-Version", "2024-11-06")]),
            "editing.veo" => new ProviderCheck("v1beta/models?pageSize=1", "https://generativelanguage.googleapis.com", "api_key", (_, secrets) =>
                [("x-goog-api-key", secrets["api_key"])]),
            _ => null,
        };

        public string Describe() => Local ? "none needed (local)" : $"GET {DefaultBaseUrl}/{Path} (or base_url){(NeedsSecret is { } s ? $", with secret {s}" : "")}";

        public async Task<(string Step, bool Ok, string Detail)> RunAsync(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> secrets,
            Func<string, string> scrub, CancellationToken cancellationToken)
        {
            var root = settings.GetValueOrDefault("base_url") is { Length: > 0 } b ? b : DefaultBaseUrl;
            if (!Uri.TryCreate(root.EndsWith('/') ? root : root + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            {
                return ("live call", false, $"setting base_url: '{root}' is not an absolute http(s) URL");
            }

            var url = new Uri(baseUri, Path);
            var shown = (url.UserInfo.Length > 0 ? new UriBuilder(url) { UserName = "", Password = "" }.Uri : url).ToString();
            using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), AllowAutoRedirect = false })
            {
                Timeout = TimeSpan.FromSeconds(settings.GetValueOrDefault("check_timeout_seconds") is { } t
                    && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 15),
            };
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            foreach (var (name, value) in Headers(settings, secrets))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var ms = clock.ElapsedMilliseconds;
                var excerpt = body.ReplaceLineEndings(" ").Trim();
                excerpt = excerpt.Length > 160 ? excerpt[..160] + "…" : excerpt;
                return response.IsSuccessStatusCode
                    ? ("live call", true, $"GET {shown} answered {(int)response.StatusCode} in {ms} ms")
                    : ("live call", false, scrub($"GET {shown} answered {(int)response.StatusCode} {response.ReasonPhrase} in {ms} ms: {excerpt}"
                        + ((int)response.StatusCode is 401 or 403 ? " (check the provider secret)" : "")));
            }
            catch (HttpRequestException e)
            {
                return ("live call", false, scrub($"GET {shown} failed: {e.Message}"));
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ("live call", false, $"GET {shown} did not answer within {http.Timeout.TotalSeconds:0.#} s");
            }
        }
    }
}
