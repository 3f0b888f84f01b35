using System.Reflection;
using Editing.Host.Plugins;

namespace Editing.Host.Tests.Plugins;

/// <summary>
/// Pins the public surface of <c>Editing.Host.Plugins</c> (what the CLI, the review page and the native host use):
/// every public type and public or protected member, sorted, must equal <c>PublicApi.Plugins.approved.txt</c> beside
/// this file. A change is a decision: look at the difference, then rewrite the file with
/// <c>EDITING_UPDATE_API_BASELINE=1 dotnet test tests/Editing.Host.Tests --filter PublicApi</c> and commit it.
/// </summary>
public sealed class PublicApiTests
{
    private const string BaselineName = "PublicApi.Plugins.approved.txt";

    [Fact]
    public void Public_api_of_the_plugin_host_matches_the_approved_listing()
    {
        var baseline = Path.Combine(SourceDirectory(), BaselineName);
        var actual = Listing();
        if (Environment.GetEnvironmentVariable("EDITING_UPDATE_API_BASELINE") == "1")
        {
            File.WriteAllText(baseline, actual);
            return;
        }

        var approved = File.Exists(baseline) ? File.ReadAllText(baseline).ReplaceLineEndings("\n") : "";
        var removed = approved.Split('\n').Except(actual.Split('\n')).Select(l => "- " + l);
        var added = actual.Split('\n').Except(approved.Split('\n')).Select(l => "+ " + l);
        Assert.True(approved == actual, $"the public API of Editing.Host.Plugins differs from {baseline}:\n{string.Join('\n', removed.Concat(added))}");
    }

    private static string Listing()
    {
        var lines = new List<string>();
        var types = typeof(PluginHost).Assembly.GetExportedTypes().Where(t => t.Namespace == "Editing.Host.Plugins").OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            var members = new List<string>();
            var kind = type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class";
            lines.Add($"{kind} {type.FullName}" + (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) ? " : " + b.FullName : ""));
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(all))
            {
                var visible = member switch
                {
                    MethodBase m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !(m.IsSpecialName && m is MethodInfo && (m.Name.StartsWith("get_", StringComparison.Ordinal) || m.Name.StartsWith("set_", StringComparison.Ordinal))),
                    PropertyInfo p => p.GetMethod is { IsPublic: true } || p.SetMethod is { IsPublic: true },
                    FieldInfo f => f.IsPublic || f.IsFamily,
                    EventInfo => true,
                    _ => false,
                };
                if (visible && !(type.IsEnum && member.Name == "value__") && !IsCompilerGenerated(member))
                {
                    members.Add("  " + Describe(member));
                }
            }

            lines.AddRange(members.Order(StringComparer.Ordinal));
        }

        return string.Join('\n', lines) + "\n";
    }

    private static bool IsCompilerGenerated(MemberInfo member) =>
        member.Name is "<Clone>$" or "EqualityContract" || member.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is not null && member is not PropertyInfo;

    private static string Describe(MemberInfo member) => member switch
    {
        PropertyInfo p => $"{p.PropertyType} {p.Name} {{{(p.GetMethod is { IsPublic: true } ? " get;" : "")}{(p.SetMethod is { IsPublic: true } s ? (s.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit") ? " init;" : " set;") : "")} }}",
        _ => member.ToString() ?? member.Name,
    };

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
