using System.Collections.Concurrent;
using System.Diagnostics;
using Editing.Host.Plugins;
using Editing.Sdk.Controls;
using Editing.Sdk.Tools;

namespace Editing.Host.Tests.Plugins;

/// <summary>
/// Faults only a separate process can survive: the worker dies (FailFast, stack overflow, Exit) or must be killed
/// (a hang). Each costs exactly the call that hit it: the host process (this test run), the good plugin and the next
/// call to the same plugin all carry on.
/// </summary>
public sealed class WorkerFaultTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private PluginHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new PluginHost(TestPlugins.Catalog(), new PluginHostOptions
        {
            ForceRuntime = PluginRuntime.Process,
            WorkerStandardError = (plugin, line) => _stderr.Enqueue(plugin + ": " + line),
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>Runs a tool; only the hanging tool gets a short time limit (a loaded machine may be slow elsewhere).</summary>
    private Task<ToolResult> Run(string toolId, CancellationToken cancellationToken = default) =>
        _host.RunToolAsync(toolId, TestPlugins.Clip(), ControlValues.Empty, new ToolRunOptions
        {
            ScratchDirectory = Path.Combine(_temp.Path, toolId + Guid.NewGuid().ToString("N")[..6]),
            Timeout = toolId == "test.faulty.hang" ? TimeSpan.FromSeconds(1.5) : null,
        }, cancellationToken);

    private async Task AssertEverythingElseStillWorks(int crashedPid)
    {
        var good = await Run("test.echo");
        Assert.Single(good.Outputs);
        var again = await Run("test.faulty.ok");
        Assert.Single(again.Outputs);
        Assert.NotEqual(crashedPid, FaultyPid());
    }

    private int FaultyPid() => ((WorkerPlugin)_host.GetPlugin("test.faulty")).ProcessId ?? -1;

    private async Task<int> StartFaulty()
    {
        await Run("test.faulty.ok");
        return FaultyPid();
    }

    [Fact]
    public async Task FailFast_is_a_crash_with_the_abort_signal_and_the_plugins_message()
    {
        var pid = await StartFaulty();

        var error = await Assert.ThrowsAsync<PluginCallException>(() => Run("test.faulty.failfast"));

        Assert.Equal(PluginFailureKind.Crashed, error.Kind);
        Assert.Equal(
            "plugin test.faulty crashed during tool.run of test.faulty.failfast (exit code 134, SIGABRT): Process terminated. the faulty tool called FailFast (at Editing.TestPlugins.Faulty.FailFastTool.Misbehave)",
            error.Message);
        Assert.Equal((134, "SIGABRT"), (error.ExitCode, error.Signal));
        Assert.Contains("FailFastTool.Misbehave", error.StandardError);
        await AssertEverythingElseStillWorks(pid);
    }

    [Fact]
    public async Task A_stack_overflow_is_a_crash_that_says_so()
    {
        var pid = await StartFaulty();

        var error = await Assert.ThrowsAsync<PluginCallException>(() => Run("test.faulty.overflow"));

        Assert.Equal(PluginFailureKind.Crashed, error.Kind);
        Assert.Equal(
            "plugin test.faulty crashed during tool.run of test.faulty.overflow (exit code 134, SIGABRT): Stack overflow. (at Editing.TestPlugins.Faulty.StackOverflowTool.Recurse)",
            error.Message);
        Assert.Contains("Repeat", error.StandardError);
        await AssertEverythingElseStillWorks(pid);
    }

    [Fact]
    public async Task Environment_Exit_is_a_crash_with_its_exit_code()
    {
        var pid = await StartFaulty();

        var error = await Assert.ThrowsAsync<PluginCallException>(() => Run("test.faulty.exit"));

        Assert.Equal(PluginFailureKind.Crashed, error.Kind);
        Assert.Equal("plugin test.faulty crashed during tool.run of test.faulty.exit (exit code 3): no error output", error.Message);
        Assert.Equal((3, (string?)null), (error.ExitCode, error.Signal));
        await AssertEverythingElseStillWorks(pid);
    }

    [Fact]
    public async Task An_exception_on_a_plugin_thread_is_reported_and_ends_the_worker()
    {
        var pid = await StartFaulty();

        var error = await Assert.ThrowsAsync<PluginCallException>(() => Run("test.faulty.thread"));

        Assert.Equal(PluginFailureKind.Crashed, error.Kind);
        Assert.Equal(70, error.ExitCode);
        Assert.StartsWith(
            "plugin test.faulty crashed during tool.run of test.faulty.thread (exit code 70): editing-worker: unhandled exception on a plugin thread; the worker exits: System.InvalidOperationException: a background thread of the plugin failed",
            error.Message);
        await AssertEverythingElseStillWorks(pid);
    }

    [Fact]
    public async Task A_native_fault_is_a_crash_with_its_signal()
    {
        var pid = await StartFaulty();

        var error = await Assert.ThrowsAsync<PluginCallException>(() => Run("test.faulty.segfault"));

        Assert.Equal(PluginFailureKind.Crashed, error.Kind);
        Assert.StartsWith("plugin test.faulty crashed during tool.run of test.faulty.segfault (exit code 139, SIGSEGV)", error.Message);
        await AssertEverythingElseStillWorks(pid);
    }

    [Fact]
    public async Task Cancelling_a_call_the_plugin_ignores_kills_the_worker_within_the_grace_period()
    {
        var pid = await StartFaulty();
        var worker = Process.GetProcessById(pid);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run("test.faulty.hang", cts.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3.5));
        Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(5)), "the worker that ignored cancellation is still running");
        await AssertEverythingElseStillWorks(pid);
    }

    [Fact]
    public async Task A_hang_past_the_limit_kills_the_worker_and_only_fails_that_call()
    {
        var pid = await StartFaulty();
        var worker = Process.GetProcessById(pid);

        var error = await Assert.ThrowsAsync<PluginCallException>(() => Run("test.faulty.hang"));

        Assert.Equal(PluginFailureKind.TimedOut, error.Kind);
        Assert.Equal("plugin test.faulty timed out after 1.5 s during tool.run of test.faulty.hang; the worker was killed", error.Message);
        Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(5)), "the hung worker is still running");
        await AssertEverythingElseStillWorks(pid);
    }

    [Fact]
    public async Task Calls_in_flight_on_a_worker_that_dies_fail_with_the_crash_too()
    {
        await StartFaulty();
        var other = _host.RunToolAsync("test.echo", TestPlugins.Clip(), ControlValues.Empty, new ToolRunOptions { ScratchDirectory = Path.Combine(_temp.Path, "other") }, CancellationToken.None);
        var hung = Run("test.faulty.hang");
        var exit = Run("test.faulty.exit");

        var hungError = await Assert.ThrowsAsync<PluginCallException>(() => hung);
        var exitError = await Assert.ThrowsAsync<PluginCallException>(() => exit);

        Assert.Equal("plugin test.faulty crashed during tool.run of test.faulty.hang (exit code 3): no error output", hungError.Message);
        Assert.Equal(PluginFailureKind.Crashed, exitError.Kind);
        Assert.Single((await other).Outputs); // another plugin's call is untouched
    }

    [Fact]
    public async Task Console_output_of_a_plugin_goes_to_stderr_never_to_the_protocol()
    {
        var result = await Run("test.faulty.console");

        Assert.Single(result.Outputs);
        Assert.Contains("test.faulty: hello from a plugin that prints", _stderr);
        Assert.Contains("test.faulty: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}", _stderr);
        Assert.Contains(_stderr, l => l.Contains("raw bytes on fd 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_worker_is_a_load_failure_that_says_where_it_looked()
    {
        await using var host = new PluginHost(TestPlugins.Catalog(), new PluginHostOptions { ForceRuntime = PluginRuntime.Process, WorkerPath = "/nowhere/Editing.Worker.dll" });

        var error = await Assert.ThrowsAsync<PluginCallException>(() => host.GetPlugin("test.good").DescribeAsync(CancellationToken.None));

        Assert.Equal(PluginFailureKind.LoadFailed, error.Kind);
        Assert.Equal("plugin test.good cannot start: the plugin worker Editing.Worker.dll was not found (looked at /nowhere/Editing.Worker.dll); set EDITING_WORKER to its path", error.Message);
    }

    [Fact]
    public async Task Disposing_the_host_stops_its_workers()
    {
        var pid = await StartFaulty();
        var worker = Process.GetProcessById(pid);

        await _host.DisposeAsync();

        Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(5)), "the worker outlived its host");
    }
}
