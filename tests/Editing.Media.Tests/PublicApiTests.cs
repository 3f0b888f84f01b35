using System.Reflection;

namespace Editing.Media.Tests;

/// <summary>
/// Pins the public surface of Editing.Media: a change to it must be deliberate, made by updating
/// <c>PublicApi.approved.txt</c> beside this file (the failure message lists what was added and removed).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_approved_list()
    {
        var actual = Describe(typeof(MediaTools).Assembly);
        var approved = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "PublicApi.approved.txt"))
            .Where(line => line.Length > 0)
            .ToList();

        var added = actual.Except(approved).ToList();
        var removed = approved.Except(actual).ToList();

        Assert.True(
            added.Count == 0 && removed.Count == 0,
            "The public API changed. Update PublicApi.approved.txt if this is intended.\nAdded:\n  "
            + string.Join("\n  ", added) + "\nRemoved:\n  " + string.Join("\n  ", removed));
    }

    internal static List<string> Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var kind = type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsInterface ? "interface" : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";
            lines.Add($"{kind} {type.FullName}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags))
            {
                if (member.Name.Contains('<', StringComparison.Ordinal) || member is MethodInfo { IsSpecialName: true } || member.Name is "EqualityContract" or "value__")
                {
                    continue;
                }
                var text = member switch
                {
                    FieldInfo f when type.IsEnum && f.IsLiteral => $"{f.Name} = {Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}",
                    _ => member.ToString(),
                };
                lines.Add($"  {type.FullName}: {text}");
            }
        }
        return lines.Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
