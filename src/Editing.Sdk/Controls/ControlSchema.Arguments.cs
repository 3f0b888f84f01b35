using System.Text.Json;

namespace Editing.Sdk.Controls;

// Command-line parsing: `--param id=TEXT`, each TEXT in the parameter type's text form.
public sealed partial class ControlSchema
{
    /// <summary>
    /// Parses <c>id=TEXT</c> arguments (the operands of repeated <c>--param</c> options) into values, reporting every
    /// problem at once rather than stopping at the first: an argument without <c>=</c>, an empty or unknown id (the
    /// message lists the known ids), and text the parameter's type cannot read. The text after the first <c>=</c> is
    /// passed verbatim to <see cref="ControlParameter.TryParseText"/> (so values may contain <c>=</c>); the id is
    /// trimmed. Giving an <see cref="ArrayParameter"/> id again appends its items
    /// (<c>refs=a.png refs=b.png</c> → two items); giving any other id again replaces the value (the last one wins) with
    /// a warning. Ranges are not checked here: call <see cref="Validate"/> on the result too.
    /// </summary>
    /// <param name="arguments">The <c>id=TEXT</c> strings, in command-line order.</param>
    /// <param name="context">The clip's rate (for time text) and the folder relative paths are resolved against.</param>
    public ParsedControls ParseArguments(IEnumerable<string> arguments, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var issues = new List<ValidationIssue>();
        var values = new List<KeyValuePair<string, JsonElement>>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var eq = argument?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (argument is null || eq < 0)
            {
                var id = argument?.Trim() ?? "";
                issues.Add(ValidationIssue.Error(
                    _byId.ContainsKey(id) ? id : "",
                    $"'{argument}' is not id=value (e.g. {Example()})"));
                continue;
            }

            var key = argument[..eq].Trim();
            var text = argument[(eq + 1)..];
            if (key.Length == 0)
            {
                issues.Add(ValidationIssue.Error("", $"'{argument}' has no parameter id before '=' (e.g. {Example()})"));
                continue;
            }

            if (!_byId.TryGetValue(key, out var parameter))
            {
                issues.Add(ValidationIssue.Error(key, $"unknown parameter '{key}' ({KnownIds()})"));
                continue;
            }

            counts[key] = counts.GetValueOrDefault(key) + 1;
            if (!parameter.TryParseText(text, context, out var value, out var error))
            {
                issues.Add(ValidationIssue.Error(key, error));
                continue;
            }

            var index = values.FindIndex(v => v.Key == key);
            if (index < 0)
            {
                values.Add(new(key, value));
            }
            else if (parameter is ArrayParameter && values[index].Value.ValueKind == JsonValueKind.Array && value.ValueKind == JsonValueKind.Array)
            {
                values[index] = new(key, ArrayParameter.ToArray(values[index].Value.EnumerateArray().Concat(value.EnumerateArray()).ToList()));
            }
            else
            {
                values[index] = new(key, value);
            }
        }

        foreach (var (id, count) in counts)
        {
            if (count > 1 && _byId[id] is not ArrayParameter)
            {
                issues.Add(ValidationIssue.Warning(id, $"given {count} times; the last value is used"));
            }
        }

        return new ParsedControls(new ControlValues(values), issues);
    }

    private string KnownIds() =>
        Parameters.Count == 0 ? "this tool has no parameters" : "known: " + string.Join(", ", Parameters.Select(p => p.Id));

    private string Example() => (Parameters.Count > 0 ? Parameters[0].Id : "id") + "=value";
}
