using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Editing.Sdk;

namespace Editing.Host.Protocol;

/// <summary>
/// One end of a JSON-RPC 2.0 connection framed as one JSON object per line (UTF-8, <c>\n</c>). Symmetric: either
/// side sends requests and notifications and answers the other's requests, concurrently. Lines that are not JSON-RPC
/// messages are reported to <c>unexpectedLine</c> and skipped, so stray output can never wedge the protocol.
/// </summary>
/// <remarks>
/// Reading and writing happen on two dedicated threads, so a plugin that blocks every thread-pool thread cannot stop
/// cancellation, progress or shutdown messages. Messages are queued and written in the order they were sent (a
/// progress notification is never overtaken by the answer that follows it) and flushed when the queue runs dry.
/// Incoming notifications are handled on the reading thread in arrival order, before the answer that follows them
/// completes its request.
/// </remarks>
internal sealed class JsonRpcConnection : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly IRpcTarget _target;
    private readonly Action<string>? _unexpectedLine;
    private readonly string _name;
    private readonly BlockingCollection<ReadOnlyMemory<byte>> _outgoing = new(new ConcurrentQueue<ReadOnlyMemory<byte>>());
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _incoming = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;
    private int _closed;
    private volatile ConnectionClosedException? _closedReason;

    /// <param name="input">Where the other side's messages arrive.</param>
    /// <param name="output">Where this side's messages go.</param>
    /// <param name="target">Handles incoming requests and notifications.</param>
    /// <param name="name">Names the connection in thread names and errors (e.g. the plugin id).</param>
    /// <param name="unexpectedLine">Receives lines that are not JSON-RPC messages, or null to drop them.</param>
    public JsonRpcConnection(Stream input, Stream output, IRpcTarget target, string name, Action<string>? unexpectedLine = null)
    {
        _input = input;
        _output = output;
        _target = target;
        _name = name;
        _unexpectedLine = unexpectedLine;
    }

    /// <summary>Completes when the input ends or fails; every pending request has failed by then.</summary>
    public Task Completion => _completion.Task;

    /// <summary>True once the input has ended.</summary>
    public bool IsClosed => _closedReason is not null;

    /// <summary>Starts reading and writing.</summary>
    public void Start()
    {
        new Thread(ReadLoop) { IsBackground = true, Name = "json-rpc reader " + _name }.Start();
        new Thread(WriteLoop) { IsBackground = true, Name = "json-rpc writer " + _name }.Start();
    }

    /// <summary>A fresh id for an outgoing request (so callers can route notifications before the answer).</summary>
    public long NextId() => Interlocked.Increment(ref _nextId);

    /// <summary>
    /// Sends a request and waits for its answer, without a way to cancel: the caller decides when to send
    /// <c>$/cancelRequest</c> (<see cref="Cancel"/>) and when to stop waiting (<see cref="Abandon"/>).
    /// </summary>
    /// <exception cref="RpcErrorException">The other side answered with an error.</exception>
    /// <exception cref="ConnectionClosedException">The connection closed first.</exception>
    public async Task<JsonElement> RequestAsync(long id, string method, object? parameters)
    {
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(id, answer))
        {
            throw new InvalidOperationException($"request id {id} is already in use");
        }

        if (_closedReason is { } closed)
        {
            _pending.TryRemove(id, out _);
            throw closed;
        }

        try
        {
            Send(w =>
            {
                w.WriteNumber("id", id);
                w.WriteString("method", method);
                WriteValue(w, "params", parameters);
            });
        }
        catch
        {
            _pending.TryRemove(id, out _);
            throw;
        }

        return await answer.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request and waits for its answer; when <paramref name="cancellationToken"/> fires, sends
    /// <c>$/cancelRequest</c> and stops waiting at once.
    /// </summary>
    public async Task<JsonElement> RequestAsync(string method, object? parameters, CancellationToken cancellationToken)
    {
        var id = NextId();
        var call = RequestAsync(id, method, parameters);
        if (!cancellationToken.CanBeCanceled)
        {
            return await call.ConfigureAwait(false);
        }

        try
        {
            return await call.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abandon(id);
            Cancel(id);
            throw;
        }
    }

    /// <summary>Stops waiting for the answer to <paramref name="id"/> (a late answer is then ignored).</summary>
    public void Abandon(long id) => _pending.TryRemove(id, out _);

    /// <summary>Asks the other side to cancel request <paramref name="id"/>; never throws.</summary>
    public void Cancel(long id) => TryNotify(WorkerMethods.CancelRequest, new CancelParams(id));

    /// <summary>Queues a notification.</summary>
    /// <exception cref="ConnectionClosedException">The connection is closed.</exception>
    public void Notify(string method, object? parameters) => Send(w =>
    {
        w.WriteString("method", method);
        WriteValue(w, "params", parameters);
    });

    /// <summary>Queues a notification; false when the connection is closed.</summary>
    public bool TryNotify(string method, object? parameters)
    {
        try
        {
            Notify(method, parameters);
            return true;
        }
        catch (ConnectionClosedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Fails pending requests, cancels incoming ones and stops writing once the queued messages are written; does not
    /// close the streams (their owner does).
    /// </summary>
    public void Dispose()
    {
        Close(null);
        _outgoing.CompleteAdding();
    }

    private void Send(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            body(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        try
        {
            _outgoing.Add(buffer.WrittenMemory);
        }
        catch (InvalidOperationException e)
        {
            throw _closedReason ?? new ConnectionClosedException($"the connection to {_name} is closed", e);
        }
    }

    private void WriteLoop()
    {
        try
        {
            foreach (var message in _outgoing.GetConsumingEnumerable())
            {
                _output.Write(message.Span);
                if (_outgoing.Count == 0)
                {
                    _output.Flush();
                }
            }

            _output.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            _outgoing.CompleteAdding();
            Close(new IOException($"cannot write to {_name}: {e.Message}", e));
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        writer.WritePropertyName(name);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType(), SdkJson.Options);
                break;
        }
    }

    private void ReadLoop()
    {
        Exception? failure = null;
        try
        {
            using var reader = new StreamReader(_input, Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    Dispatch(line);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            failure = e;
        }

        Close(failure);
    }

    private void Dispatch(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            _unexpectedLine?.Invoke(line);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                _unexpectedLine?.Invoke(line);
                return;
            }

            var hasId = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number;
            long id = 0;
            if (hasId && !idElement.TryGetInt64(out id))
            {
                _unexpectedLine?.Invoke(line);
                return;
            }

            if (root.TryGetProperty("method", out var methodElement) && methodElement.ValueKind == JsonValueKind.String)
            {
                var method = methodElement.GetString()!;
                var parameters = root.TryGetProperty("params", out var p) ? p.Clone() : default;
                if (hasId)
                {
                    StartIncoming(id, method, parameters);
                }
                else if (method == WorkerMethods.CancelRequest)
                {
                    if (parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("id", out var target)
                        && target.TryGetInt64(out var targetId) && _incoming.TryGetValue(targetId, out var cts))
                    {
                        TryCancel(cts);
                    }
                }
                else
                {
                    _target.HandleNotification(method, parameters);
                }
            }
            else if (hasId)
            {
                if (!_pending.TryRemove(id, out var answer))
                {
                    return; // abandoned (timed out or cancelled): the late answer is not wanted
                }

                if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    answer.TrySetException(ReadError(error));
                }
                else
                {
                    answer.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                }
            }
            else
            {
                _unexpectedLine?.Invoke(line);
            }
        }
    }

    private static RpcErrorException ReadError(JsonElement error)
    {
        var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var ci) ? ci : RpcErrorCodes.InternalError;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "unknown error";
        RemoteError? data = null;
        if (error.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object)
        {
            try
            {
                data = d.Deserialize<RemoteError>(SdkJson.Options);
            }
            catch (JsonException)
            {
                data = null;
            }
        }

        return new RpcErrorException(code, message, data);
    }

    private void StartIncoming(long id, string method, JsonElement parameters)
    {
        var cts = new CancellationTokenSource();
        if (_closedReason is not null || !_incoming.TryAdd(id, cts))
        {
            cts.Dispose();
            SendError(id, RpcErrorCodes.InvalidRequest, $"request id {id} is already in use", null);
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var result = await _target.HandleRequestAsync(method, parameters, id, cts.Token).ConfigureAwait(false);
                TrySend(w =>
                {
                    w.WriteNumber("id", id);
                    WriteValue(w, "result", result);
                });
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                SendError(id, RpcErrorCodes.RequestCancelled, "the request was cancelled", null);
            }
            catch (Exception e)
            {
                var (code, message, data) = RemoteError.FromException(e);
                SendError(id, code, message, data);
            }
            finally
            {
                _incoming.TryRemove(id, out _);
                cts.Dispose();
            }
        });
    }

    private void SendError(long id, int code, string message, RemoteError? data) => TrySend(w =>
    {
        w.WriteNumber("id", id);
        w.WritePropertyName("error");
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        if (data is not null)
        {
            w.WritePropertyName("data");
            JsonSerializer.Serialize(w, data, SdkJson.Options);
        }

        w.WriteEndObject();
    });

    private void TrySend(Action<Utf8JsonWriter> body)
    {
        try
        {
            Send(body);
        }
        catch (ConnectionClosedException)
        {
            // The requester is gone; nobody is waiting for this answer.
        }
    }

    private static void TryCancel(CancellationTokenSource cts)
    {
        try
        {
            cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The request finished meanwhile.
        }
    }

    private void Close(Exception? failure)
    {
        if (Interlocked.CompareExchange(ref _closed, 1, 0) != 0)
        {
            return;
        }

        var reason = new ConnectionClosedException(
            failure is null ? $"{_name} closed the connection" : $"the connection to {_name} failed: {failure.Message}", failure);
        _closedReason = reason;
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var answer))
            {
                answer.TrySetException(reason);
            }
        }

        foreach (var cts in _incoming.Values)
        {
            TryCancel(cts);
        }

        _completion.TrySetResult();
    }
}
