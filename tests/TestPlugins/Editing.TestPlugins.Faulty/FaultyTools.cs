using System.Runtime.InteropServices;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Sdk.Versioning;

namespace Editing.TestPlugins.Faulty;

/// <summary>A parameterless tool whose run does <see cref="Misbehave"/>.</summary>
public abstract class FaultyTool : IControllableTool
{
    protected FaultyTool(string id, string description)
    {
        Descriptor = new ToolDescriptor
        {
            Id = id,
            Version = SemanticVersion.Parse("0.1.0"),
            Description = description,
            Applications = [ToolApplication.Replace],
            Targets = [ItemKind.Clip],
            Schema = ControlSchema.Empty,
        };
    }

    public ToolDescriptor Descriptor { get; }

    public Task<ToolResult> RunAsync(ClipContext clip, ControlValues values, ToolContext context, CancellationToken cancellationToken) =>
        Misbehave(context, cancellationToken);

    protected abstract Task<ToolResult> Misbehave(ToolContext context, CancellationToken cancellationToken);

    protected static ToolResult Written(ToolContext context, string name)
    {
        var path = Path.Combine(context.ScratchDirectory, name);
        File.WriteAllText(path, name);
        return new ToolResult
        {
            Outputs = [new MediaOutput { Id = "out1", VideoPath = path, FrameCount = 1 }],
            Edits = [new AddVariant { OutputId = "out1" }],
        };
    }
}

/// <summary>Works: proves the plugin is usable again after a fault.</summary>
public sealed class OkTool() : FaultyTool("test.faulty.ok", "Works.")
{
    protected override Task<ToolResult> Misbehave(ToolContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Written(context, "ok.txt"));
}

/// <summary>Throws an exception that is not a PluginException (a bug).</summary>
public sealed class ThrowingTool() : FaultyTool("test.faulty.throw", "Throws InvalidOperationException.")
{
    protected override Task<ToolResult> Misbehave(ToolContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the faulty tool failed on purpose");
}

/// <summary>Fails the expected way, with a message for the editor.</summary>
public sealed class PluginErrorTool() : FaultyTool("test.faulty.plugin-error", "Throws PluginException.")
{
    protected override Task<ToolResult> Misbehave(ToolContext context, CancellationToken cancellationToken) =>
        throw new PluginException("The render farm is full; try again later.") { IsTransient = true, Code = "FARM_FULL" };
}

/// <summary>Blocks its thread forever and ignores cancellation.</summary>
public sealed class HangingTool() : FaultyTool("test.faulty.hang", "Never returns.")
{
    protected override Task<ToolResult> Misbehave(ToolContext context, CancellationToken cancellationToken)
    {
        Thread.Sleep(Timeout.Infinite);
        return Task.FromResult(Written(context, "never.txt"));
    }
}

/// <summary>Kills its process with Environment.FailFast.</summary>
public sealed class FailFastTool() : FaultyTool("test.faulty.failfast", "Calls Environment.FailFast.")
{
    protected override Task<ToolResult> Misbehave(ToolContext context, CancellationToken cancellationToken)
    {
        Environment.FailFast("the faulty tool called FailFast");
        return Task.FromResult(Written(context, "never.txt"));
    }
}

/// <summary>Recurses until the stack overflows (which no .NET code can catch).</summary>
public sealed class StackOverflowTool() : FaultyTool("test.faulty.overflow", "Overflows the stack.")
{
    protected override Task<ToolResult> Misbehave(ToolContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Written(context, Recurse(0).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    // The addition after the call keeps it from becoming a tail call.
    private static long Recurse(long depth) => Recurse(depth + 1) + depth;
}

/// <summary>Exits the process with code 3.</summary>
public sealed class ExitTool() : FaultyTool("test.faulty.exit", "Calls Environment.Exit(3).")
{
    protected override Task<ToolResult> Misbehave(ToolContext context, CancellationToken cancellationToken)
    {
        Environment.Exit(3);
        return Task.FromResult(Written(context, "never.txt"));
    }
}

/// <summary>Writes garbage, including a fake protocol answer, to stdout, then works.</summary>
public sealed class ConsoleGarbageTool() : FaultyTool("test.faulty.console", "Writes to Console.Out, then works.")
{
    protected override Task<ToolResult> Misbehave(ToolContext context, CancellationToken cancellationToken)
    {
        Console.WriteLine("hello from a plugin that prints");
        Console.WriteLine("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}");
        Console.Out.Write("no newline at the end");
        Console.Out.Flush();
        using (var stdout = Console.OpenStandardOutput())
        {
            stdout.Write("raw bytes on fd 1\n"u8);
        }

        return Task.FromResult(Written(context, "console.txt"));
    }
}

/// <summary>Throws on a thread of its own, where nobody can catch it, and waits.</summary>
public sealed class BackgroundThreadTool() : FaultyTool("test.faulty.thread", "Throws on a background thread.")
{
    protected override async Task<ToolResult> Misbehave(ToolContext context, CancellationToken cancellationToken)
    {
        new Thread(() => throw new InvalidOperationException("a background thread of the plugin failed")) { IsBackground = true }.Start();
        await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
        return Written(context, "never.txt");
    }
}

/// <summary>Dies of a native fault, as a crashing native library would: libc writes through a bad pointer.</summary>
public sealed class SegfaultTool() : FaultyTool("test.faulty.segfault", "Segfaults in native code.")
{
    protected override Task<ToolResult> Misbehave(ToolContext context, CancellationToken cancellationToken)
    {
        _ = MemSet(16, 0, 64);
        return Task.FromResult(Written(context, "never.txt"));
    }

    [DllImport("libc", EntryPoint = "memset")]
    private static extern IntPtr MemSet(IntPtr destination, int value, UIntPtr count);
}
