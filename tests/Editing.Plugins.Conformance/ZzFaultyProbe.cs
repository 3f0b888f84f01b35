using Editing.Sdk.Testing;
using Editing.Sdk.Tools;

namespace Editing.Plugins.Conformance;

public sealed class ZzFaultyProbe : PluginConformanceTests
{
    protected override string PluginDirectory => "/work/main/tests/Editing.Host.Tests/bin/Debug/net10.0/plugins/Editing.TestPlugins.Faulty";

    protected override bool CanRun(ToolDescriptor tool) => tool.Id is "test.faulty.hang";
}
