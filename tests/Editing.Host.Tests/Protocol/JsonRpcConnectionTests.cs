using System.Collections.Concurrent;
using System.IO.Pipes;
using System.Text;
using System.Text.Json;
using Editing.Host.Protocol;
using Editing.Sdk;

namespace Editing.Host.Tests.Protocol;

public sealed class JsonRpcConnectionTests : IDisposable
{
    private readonly AnonymousPipeServerStream _toB = new(PipeDirection.Out);
    private readonly AnonymousPipeServerStream _toA = new(PipeDirection.Out);
    private readonly AnonymousPipeClientStream _fromA;
    private readonly AnonymousPipeClientStream _fromB;
    private readonly Target _aTarget = new();
    private readonly Target _bTarget = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly JsonRpcConnection _a;
    private readonly JsonRpcConnection _b;

    public JsonRpcConnectionTests()
    {
        _fromA = new AnonymousPipeClientStream(PipeDirection.In, _toB.ClientSafePipeHandle);
        _fromB = new AnonymousPipeClientStream(PipeDirection.In, _toA.ClientSafePipeHandle);
        _a = new JsonRpcConnection(_fromB, _toB, _aTarget, "B", _unexpected.Enqueue);
        _b = new JsonRpcConnection(_fromA, _toA, _bTarget, "A", _unexpected.Enqueue);
        _a.Start();
        _b.Start();
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _toA.Dispose();
        _toB.Dispose();
        _fromA.Dispose();
        _fromB.Dispose();
    }

    [Fact]
    public async Task Both_sides_call_each_other_concurrently()
    {
        _bTarget.Handle = async (method, p, _, ct) =>
        {
            var n = p.GetProperty("n").GetInt32();
            if (n == 0)
            {
                // A nested call back to A while A waits for this answer.
                var back = await _b.RequestAsync("echo", new { n = 100 }, ct);
                return new { n = back.GetProperty("n").GetInt32() + 1 };
            }

            return new { n = n * 2 };
        };
        _aTarget.Handle = (_, p, _, _) => Task.FromResult<object?>(new { n = p.GetProperty("n").GetInt32() });

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _a.RequestAsync("double", new { n = i }, CancellationToken.None)));

        Assert.Equal([101, .. Enumerable.Range(1, 19).Select(i => i * 2)], answers.Select(a => a.GetProperty("n").GetInt32()));
    }

    [Fact]
    public async Task Notifications_sent_before_an_answer_are_handled_before_it()
    {
        _bTarget.Handle = (_, _, id, _) =>
        {
            for (var i = 0; i < 50; i++)
            {
                _b.Notify("progress", new { request_id = id, step = i });
            }

            return Task.FromResult<object?>("done");
        };

        var answer = await _a.RequestAsync("work", null, CancellationToken.None);

        Assert.Equal("done", answer.GetString());
        Assert.Equal(Enumerable.Range(0, 50), _aTarget.Notifications.Select(n => n.Params.GetProperty("step").GetInt32()));
    }

    [Fact]
    public async Task Cancel_request_cancels_the_handler_and_answers_cancelled()
    {
        var started = new TaskCompletionSource();
        _bTarget.Handle = async (_, _, _, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        };
        var id = _a.NextId();
        var call = _a.RequestAsync(id, "slow", null);
        await started.Task;

        _a.Cancel(id);

        var error = await Assert.ThrowsAsync<RpcErrorException>(() => call);
        Assert.Equal((RpcErrorCodes.RequestCancelled, "the request was cancelled"), (error.Code, error.Message));
    }

    [Fact]
    public async Task Exceptions_become_errors_with_type_message_and_stack()
    {
        _bTarget.Handle = (_, _, _, _) => throw new InvalidOperationException("no such clip");
        var pluginError = new PluginException("vendor refused") { IsTransient = true, Code = "SAFETY" };

        var error = await Assert.ThrowsAsync<RpcErrorException>(() => _a.RequestAsync("fail", null, CancellationToken.None));
        _bTarget.Handle = (_, _, _, _) => throw pluginError;
        var expected = await Assert.ThrowsAsync<RpcErrorException>(() => _a.RequestAsync("fail", null, CancellationToken.None));

        Assert.Equal((RpcErrorCodes.PluginThrew, "no such clip", "System.InvalidOperationException"), (error.Code, error.Message, error.Details!.Type));
        Assert.Contains("JsonRpcConnectionTests", error.Details.StackTrace);
        Assert.Equal((RpcErrorCodes.PluginFailed, "vendor refused", true, "SAFETY"), (expected.Code, expected.Message, expected.Details!.Transient, expected.Details.Code));
    }

    [Fact]
    public async Task Lines_that_are_not_messages_are_reported_and_skipped()
    {
        _aTarget.Handle = (_, _, _, _) => Task.FromResult<object?>(1);
        var raw = "hello\n[1,2]\n{\"jsonrpc\":\"2.0\"}\n\n"u8.ToArray();
        await _toA.WriteAsync(raw);
        await _toA.FlushAsync();

        var answer = await _b.RequestAsync("ping", null, CancellationToken.None);

        Assert.Equal(1, answer.GetInt32());
        Assert.Equal(["hello", "[1,2]", "{\"jsonrpc\":\"2.0\"}"], _unexpected);
    }

    [Fact]
    public async Task A_closed_input_fails_every_pending_request()
    {
        _bTarget.Handle = async (_, _, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        };
        var pending = _a.RequestAsync("forever", null, CancellationToken.None);

        _toA.Dispose(); // B's output to A ends

        var error = await Assert.ThrowsAsync<ConnectionClosedException>(() => pending);
        Assert.Equal("B closed the connection", error.Message);
        await _a.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(_a.IsClosed);
    }

    [Fact]
    public void Messages_are_single_lines_of_json_rpc_2()
    {
        using var output = new MemoryStream();
        using var connection = new JsonRpcConnection(new MemoryStream(), output, new Target(), "test");
        connection.Start();

        connection.Notify("log", new { message = "two\nlines", level = "info" });
        connection.Dispose();
        SpinWait.SpinUntil(() => output.Length > 0, TimeSpan.FromSeconds(5));

        Assert.Equal("{\"jsonrpc\":\"2.0\",\"method\":\"log\",\"params\":{\"message\":\"two\\nlines\",\"level\":\"info\"}}\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    private sealed class Target : IRpcTarget
    {
        public Func<string, JsonElement, long, CancellationToken, Task<object?>> Handle { get; set; } = (_, _, _, _) => Task.FromResult<object?>(null);

        public ConcurrentQueue<(string Method, JsonElement Params)> Notifications { get; } = new();

        public Task<object?> HandleRequestAsync(string method, JsonElement parameters, long id, CancellationToken cancellationToken) =>
            Handle(method, parameters, id, cancellationToken);

        public void HandleNotification(string method, JsonElement parameters) => Notifications.Enqueue((method, parameters));
    }
}
