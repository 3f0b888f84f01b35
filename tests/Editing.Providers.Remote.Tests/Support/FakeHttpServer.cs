using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Editing.Providers.Remote.Tests.Support;

/// <summary>One request as the fake server saw it.</summary>
public sealed record SeenRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>A header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>
/// A small HTTP server on 127.0.0.1 and a free port (HttpListener), for fake vendor APIs: every request is recorded,
/// then handed to the vendor's handler. Handlers answer with <see cref="JsonAsync"/>, <see cref="BytesAsync"/> or
/// <see cref="StatusAsync"/>. Disposing stops it.
/// </summary>
public abstract class FakeHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    protected FakeHttpServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Prefixes.Add($"http://localhost:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                BaseUrl = $"http://127.0.0.1:{port}";
                OtherOrigin = $"http://localhost:{port}";
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseUrl { get; }

    /// <summary><c>http://localhost:PORT</c>: the same server under another origin (for redirects off the API's origin).</summary>
    public string OtherOrigin { get; }

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    /// <summary>Requests with <paramref name="method"/> whose path starts with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<SeenRequest> Seen(string method, string prefix) =>
        [.. Requests.Where(r => r.Method == method && r.Path.StartsWith(prefix, StringComparison.Ordinal))];

    /// <summary>Answers one request.</summary>
    protected abstract Task HandleAsync(HttpListenerContext context, SeenRequest request);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    using var body = new MemoryStream();
                    await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
                    var headers = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var key in context.Request.Headers.AllKeys)
                    {
                        if (key is not null)
                        {
                            headers[key.ToLowerInvariant()] = context.Request.Headers[key] ?? "";
                        }
                    }

                    var seen = new SeenRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Url.Query, headers, body.ToArray());
                    Requests.Enqueue(seen);
                    await HandleAsync(context, seen).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
                {
                    // The client went away (a timeout test, a cancelled call).
                }
                catch (Exception e)
                {
                    try
                    {
                        await StatusAsync(context, 500, "fake server bug: " + e.Message).ConfigureAwait(false);
                    }
                    catch (Exception inner) when (inner is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
                    {
                    }
                }
            });
        }
    }

    /// <summary>Answers with JSON.</summary>
    public static Task JsonAsync(HttpListenerContext context, int status, object value, IReadOnlyDictionary<string, string>? headers = null) =>
        TextAsync(context, status, value is string s ? s : JsonSerializer.Serialize(value), "application/json", headers);

    /// <summary>Answers with text.</summary>
    public static async Task TextAsync(HttpListenerContext context, int status, string text, string contentType, IReadOnlyDictionary<string, string>? headers = null)
    {
        await BytesAsync(context, status, Encoding.UTF8.GetBytes(text), contentType, headers).ConfigureAwait(false);
    }

    /// <summary>Answers with bytes.</summary>
    public static async Task BytesAsync(HttpListenerContext context, int status, byte[] bytes, string contentType, IReadOnlyDictionary<string, string>? headers = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        foreach (var (k, v) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[k] = v;
        }

        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    /// <summary>Answers an error with a JSON <c>{"error": message}</c> body.</summary>
    public static Task StatusAsync(HttpListenerContext context, int status, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        JsonAsync(context, status, new { error = message }, headers);

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }

        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
