using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;
using Editing.Sdk.Providers;
using Editing.Sdk.Versioning;

namespace Editing.Sdk.Tests;

/// <summary>
/// Pins the SDK's public surface: every public type and every public or protected member of Editing.Sdk, listed by
/// reflection in a stable text form (sorted, full signatures with nullability, <c>[Experimental]</c> and
/// <c>[Obsolete]</c> marked), must equal <c>PublicApi.Sdk.approved.txt</c>. A change to the surface is a decision: look
/// at the diff, bump <see cref="SdkVersion"/> as semver says (a removed or changed stable member is a major version),
/// then rewrite the baseline with <c>EDITING_UPDATE_API_BASELINE=1 dotnet test tests/Editing.Sdk.Tests --filter PublicApi</c>
/// and commit it with the change.
/// </summary>
public sealed class PublicApiTests
{
    private const string UpdateVariable = "EDITING_UPDATE_API_BASELINE";
    private const string BaselineName = "PublicApi.Sdk.approved.txt";

    private static readonly Assembly Sdk = typeof(SdkVersion).Assembly;

    [Fact]
    public void Public_api_matches_the_approved_baseline()
    {
        // Given the approved listing beside this file and the listing of the assembly under test
        var baselinePath = Path.Combine(SourceDirectory(), BaselineName);
        var actual = ApiListing.Of(Sdk);

        // When asked to, the baseline is rewritten instead of compared
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(baselinePath, actual);
            return;
        }

        // Then the two are the same, or the failure shows what changed and how to approve it
        var approved = File.Exists(baselinePath) ? File.ReadAllText(baselinePath).ReplaceLineEndings("\n") : "";
        if (approved != actual)
        {
            Assert.Fail($"The public API of Editing.Sdk differs from {baselinePath} (- approved, + now):{Environment.NewLine}"
                + LineDiff.Describe(approved, actual)
                + $"{Environment.NewLine}If the change is intended, bump SdkVersion as semver says (a removed or changed stable member is a major "
                + $"version; experimental members may change in a minor one), then run{Environment.NewLine}"
                + $"  {UpdateVariable}=1 dotnet test tests/Editing.Sdk.Tests --filter PublicApi{Environment.NewLine}and commit the updated {BaselineName}.");
        }
    }

    [Fact]
    public void Sdk_version_is_semver_and_experimental_members_use_its_diagnostic_id()
    {
        // Given the SDK's version and every [Experimental] marker in the assembly
        Assert.True(SemanticVersion.TryParse(SdkVersion.Text, out var parsed), $"SdkVersion.Text '{SdkVersion.Text}' is not MAJOR.MINOR.PATCH");
        Assert.Equal(0, parsed.CompareTo(SdkVersion.Current));
        Assert.Equal(SdkVersion.Text, SdkVersion.Current.ToString());
        var markers = ApiListing.PublicMembers(Sdk)
            .Select(m => (Member: m, Attribute: m.GetCustomAttribute<ExperimentalAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        // Then the unstable parts are marked, all under the SDK's one diagnostic id
        Assert.Contains(markers, m => m.Member is PropertyInfo { Name: "Extra" } p && p.DeclaringType == typeof(GenerationRequest));
        Assert.All(markers, m => Assert.Equal(SdkVersion.ExperimentalDiagnosticId, m.Attribute!.DiagnosticId));
    }

    [Fact]
    public void Every_public_type_has_an_xml_summary()
    {
        // Given the documentation file the SDK build writes (CS1591 fails the build for a member without docs)
        var xmlPath = Path.ChangeExtension(Sdk.Location, ".xml");
        Assert.True(File.Exists(xmlPath), $"{xmlPath} is missing: Editing.Sdk must build with GenerateDocumentationFile");
        var summaries = XDocument.Load(xmlPath).Descendants("member")
            .Where(m => m.Element("summary") is { } s && s.Value.Trim().Length > 0)
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);

        // Then every exported type has a non-empty summary
        var missing = Sdk.GetExportedTypes().Select(t => "T:" + t.FullName!.Replace('+', '.')).Where(id => !summaries.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "public types without a <summary>: " + string.Join(", ", missing));
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>The text form of an assembly's public surface.</summary>
    private static class ApiListing
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        private static readonly NullabilityInfoContext Nullability = new();

        private static readonly Dictionary<Type, string> Keywords = new()
        {
            [typeof(bool)] = "bool",
            [typeof(byte)] = "byte",
            [typeof(sbyte)] = "sbyte",
            [typeof(short)] = "short",
            [typeof(ushort)] = "ushort",
            [typeof(int)] = "int",
            [typeof(uint)] = "uint",
            [typeof(long)] = "long",
            [typeof(ulong)] = "ulong",
            [typeof(float)] = "float",
            [typeof(double)] = "double",
            [typeof(decimal)] = "decimal",
            [typeof(char)] = "char",
            [typeof(string)] = "string",
            [typeof(object)] = "object",
            [typeof(void)] = "void",
            [typeof(nint)] = "nint",
            [typeof(nuint)] = "nuint",
        };

        /// <summary>
        /// One block per exported type, sorted by full name: its attributes and declaration, then its members indented,
        /// sorted by name (constructors first) and then by signature. Members are those a user of the assembly can reach
        /// (public, protected, protected internal).
        /// </summary>
        public static string Of(Assembly assembly)
        {
            var text = new StringBuilder();
            foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                foreach (var attribute in Markers(type))
                {
                    text.Append(attribute).Append('\n');
                }

                text.Append(Declaration(type)).Append('\n');
                var members = Members(type).OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Line, StringComparer.Ordinal).Select(m => m.Line);
                foreach (var member in members)
                {
                    text.Append("    ").Append(member).Append('\n');
                }

                text.Append('\n');
            }

            return text.ToString();
        }

        /// <summary>Every member of every exported type a user can reach.</summary>
        public static IEnumerable<MemberInfo> PublicMembers(Assembly assembly) =>
            assembly.GetExportedTypes().SelectMany(t => t.GetMembers(Declared)).Where(IsVisible);

        private static IEnumerable<(string Name, string Line)> Members(Type type)
        {
            foreach (var member in type.GetMembers(Declared).Where(IsVisible))
            {
                var line = member switch
                {
                    ConstructorInfo c => Constructor(c),
                    MethodInfo m when !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal) => Method(m),
                    PropertyInfo p => Property(p),
                    FieldInfo f when type.IsEnum => f.IsStatic ? $"{f.Name} = {Convert.ToInt64(f.GetRawConstantValue(), CultureInfo.InvariantCulture)}" : null,
                    FieldInfo f => Field(f),
                    EventInfo e => $"{Access(e.AddMethod!)}{Modifiers(e.AddMethod!)}event {TypeName(e.EventHandlerType!, Nullability.Create(e))} {e.Name}",
                    _ => null,
                };
                if (line is not null)
                {
                    yield return (member is ConstructorInfo ? "" : member.Name, string.Concat(Markers(member).Select(a => a + " ")) + line);
                }
            }
        }

        private static bool IsVisible(MemberInfo member)
        {
            if (member.Name.Contains('<', StringComparison.Ordinal) || member is Type)
            {
                return false;
            }

            return member switch
            {
                MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
                FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
                PropertyInfo p => p.GetAccessors(nonPublic: true).Any(IsVisible),
                EventInfo e => e.AddMethod is { } add && IsVisible(add),
                _ => false,
            };
        }

        private static string Declaration(Type type)
        {
            var access = type.IsNestedFamily || type.IsNestedFamORAssem ? "protected " : "public ";
            string kind;
            if (type.IsEnum)
            {
                var underlying = Enum.GetUnderlyingType(type);
                return $"{access}enum {TypeName(type, null)}{(underlying == typeof(int) ? "" : " : " + TypeName(underlying, null))}";
            }
            else if (type.IsInterface)
            {
                kind = "interface";
            }
            else if (typeof(Delegate).IsAssignableFrom(type.BaseType))
            {
                var invoke = type.GetMethod("Invoke")!;
                return $"{access}delegate {TypeName(invoke.ReturnType, Nullability.Create(invoke.ReturnParameter))} {TypeName(type, null)}({Parameters(invoke)})";
            }
            else if (type.IsValueType)
            {
                var isRecord = type.GetMethod("PrintMembers", Declared) is { } print && print.IsDefined(typeof(CompilerGeneratedAttribute));
                kind = (type.IsDefined(typeof(IsReadOnlyAttribute)) ? "readonly " : "") + (isRecord ? "record struct" : "struct");
            }
            else
            {
                var isRecord = type.GetMethod("<Clone>$", Declared) is not null;
                var modifiers = type.IsAbstract && type.IsSealed ? "static " : type.IsAbstract ? "abstract " : type.IsSealed ? "sealed " : "";
                kind = modifiers + (isRecord ? "record" : "class");
            }

            var bases = new List<string>();
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType))
            {
                bases.Add(TypeName(baseType, null));
            }

            bases.AddRange(type.GetInterfaces().Where(i => i.IsVisible).Select(i => TypeName(i, null)).Order(StringComparer.Ordinal));
            return $"{access}{kind} {TypeName(type, null)}{(bases.Count == 0 ? "" : " : " + string.Join(", ", bases))}{Constraints(type.GetGenericArguments())}";
        }

        private static string Constructor(ConstructorInfo c) =>
            $"{Access(c)}{(c.IsStatic ? "static " : "")}{Plain(c.DeclaringType!.Name)}({Parameters(c)})";

        private static string Method(MethodInfo m)
        {
            var generic = m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : "";
            var returns = TypeName(m.ReturnType, Nullability.Create(m.ReturnParameter));
            return $"{Access(m)}{Modifiers(m)}{returns} {m.Name}{generic}({Parameters(m)}){Constraints(m.GetGenericArguments())}";
        }

        private static string Property(PropertyInfo p)
        {
            var accessors = new List<string>();
            var info = Nullability.Create(p);
            var main = p.GetMethod is { } get && IsVisible(get) ? get : p.SetMethod!;
            if (p.GetMethod is { } getter && IsVisible(getter))
            {
                accessors.Add(AccessorAccess(getter, main) + "get;");
            }

            if (p.SetMethod is { } setter && IsVisible(setter))
            {
                var init = setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
                accessors.Add(AccessorAccess(setter, main) + (init ? "init;" : "set;"));
            }

            var required = p.IsDefined(typeof(RequiredMemberAttribute)) ? "required " : "";
            var indexer = p.GetIndexParameters();
            var name = indexer.Length == 0 ? p.Name : $"this[{Parameters(indexer)}]";
            return $"{Access(main)}{Modifiers(main)}{required}{TypeName(p.PropertyType, info)} {name} {{ {string.Join(" ", accessors)} }}";
        }

        private static string Field(FieldInfo f)
        {
            var type = TypeName(f.FieldType, Nullability.Create(f));
            var access = f.IsPublic ? "public " : f.IsFamilyOrAssembly ? "protected internal " : "protected ";
            if (f.IsLiteral)
            {
                return $"{access}const {type} {f.Name} = {Literal(f.GetRawConstantValue(), f.FieldType)}";
            }

            return $"{access}{(f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}{type} {f.Name}";
        }

        private static string Parameters(MethodBase method) => Parameters(method.GetParameters());

        private static string Parameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(p =>
        {
            var type = p.ParameterType;
            var prefix = "";
            if (type.IsByRef)
            {
                prefix = p.IsOut ? "out " : p.IsIn ? "in " : "ref ";
                type = type.GetElementType()!;
            }

            if (p.IsDefined(typeof(ParamArrayAttribute)))
            {
                prefix = "params ";
            }

            if (p.Position == 0 && p.Member.IsDefined(typeof(ExtensionAttribute)))
            {
                prefix = "this " + prefix;
            }

            var attributes = string.Concat(p.GetCustomAttributesData()
                .Where(a => a.AttributeType.Namespace == "System.Diagnostics.CodeAnalysis")
                .Select(a => $"[{Plain(a.AttributeType.Name)}{Arguments(a)}] "));
            var defaultValue = p.HasDefaultValue ? " = " + Literal(p.RawDefaultValue, type) : "";
            return $"{attributes}{prefix}{TypeName(type, Nullability.Create(p))} {p.Name}{defaultValue}";
        }));

        private static string Access(MethodBase m) =>
            m.IsPublic ? "public " : m.IsFamilyOrAssembly ? "protected internal " : m.IsFamily ? "protected " : "private ";

        private static string AccessorAccess(MethodBase accessor, MethodBase main) =>
            Access(accessor) == Access(main) ? "" : Access(accessor);

        private static string Modifiers(MethodInfo m)
        {
            if (m.DeclaringType!.IsInterface)
            {
                return m.IsStatic ? (m.IsAbstract ? "static abstract " : "static ") : m.IsAbstract ? "" : "virtual ";
            }

            if (m.IsStatic)
            {
                return "static ";
            }

            if (m.IsAbstract)
            {
                return "abstract ";
            }

            var isOverride = m.IsVirtual && m.GetBaseDefinition().DeclaringType != m.DeclaringType;
            if (isOverride)
            {
                return m.IsFinal ? "sealed override " : "override ";
            }

            return m.IsVirtual && !m.IsFinal ? "virtual " : "";
        }

        private static string Constraints(Type[] arguments)
        {
            var clauses = new List<string>();
            foreach (var argument in arguments.Where(a => a.IsGenericParameter))
            {
                var parts = new List<string>();
                var flags = argument.GenericParameterAttributes;
                if (flags.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
                {
                    parts.Add("class");
                }

                if (flags.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
                {
                    parts.Add("struct");
                }

                parts.AddRange(argument.GetGenericParameterConstraints().Where(c => c != typeof(ValueType)).Select(c => TypeName(c, null)));
                if (flags.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) && !flags.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
                {
                    parts.Add("new()");
                }

                if (parts.Count > 0)
                {
                    clauses.Add($" where {argument.Name} : {string.Join(", ", parts)}");
                }
            }

            return string.Concat(clauses);
        }

        /// <summary>A C#-like type name: keywords for built-in types, full names otherwise, <c>?</c> for nullable
        /// value types and for reference types annotated nullable.</summary>
        private static string TypeName(Type type, NullabilityInfo? nullability)
        {
            if (type.IsByRef)
            {
                return TypeName(type.GetElementType()!, nullability);
            }

            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                return TypeName(underlying, nullability?.GenericTypeArguments.FirstOrDefault()) + "?";
            }

            var nullable = !type.IsValueType && nullability?.ReadState == NullabilityState.Nullable ? "?" : "";
            if (type.IsArray)
            {
                return TypeName(type.GetElementType()!, nullability?.ElementType) + "[" + new string(',', type.GetArrayRank() - 1) + "]" + nullable;
            }

            if (type.IsGenericParameter)
            {
                return type.Name + nullable;
            }

            if (Keywords.TryGetValue(type, out var keyword))
            {
                return keyword + nullable;
            }

            var name = (type.IsGenericType ? type.GetGenericTypeDefinition() : type).FullName ?? type.Name;
            name = Plain(name.Replace('+', '.'));
            if (type.IsGenericType)
            {
                var arguments = type.GetGenericArguments();
                var infos = nullability?.GenericTypeArguments;
                name += "<" + string.Join(", ", arguments.Select((a, i) => TypeName(a, infos is { } n && i < n.Length ? n[i] : null))) + ">";
            }

            return name + nullable;
        }

        private static string Literal(object? value, Type type) => value switch
        {
            null => type.IsValueType && Nullable.GetUnderlyingType(type) is null ? "default" : "null",
            string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
            bool b => b ? "true" : "false",
            char c => $"'{c}'",
            _ when (Nullable.GetUnderlyingType(type) ?? type).IsEnum => $"{TypeName(Nullable.GetUnderlyingType(type) ?? type, null)}.{Enum.ToObject(Nullable.GetUnderlyingType(type) ?? type, value)}",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        /// <summary><c>[Experimental("EDSDK001")]</c> and <c>[Obsolete("...")]</c>: the markers that say how stable a
        /// member is. The compiler's own <c>[Obsolete]</c> on constructors of types with required members (which keeps
        /// old compilers from calling them) is not a marker.</summary>
        private static IEnumerable<string> Markers(MemberInfo member) => member.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(ExperimentalAttribute)
                || (a.AttributeType == typeof(ObsoleteAttribute) && !member.IsDefined(typeof(CompilerFeatureRequiredAttribute))))
            .Select(a => $"[{Plain(a.AttributeType.Name)}{Arguments(a)}]")
            .Order(StringComparer.Ordinal);

        private static string Arguments(CustomAttributeData attribute)
        {
            var arguments = attribute.ConstructorArguments.Select(a => Literal(a.Value, a.ArgumentType))
                .Concat(attribute.NamedArguments.Select(a => $"{a.MemberName} = {Literal(a.TypedValue.Value, a.TypedValue.ArgumentType)}"))
                .ToList();
            return arguments.Count == 0 ? "" : "(" + string.Join(", ", arguments) + ")";
        }

        /// <summary>A name without its generic arity (<c>List`1</c> → <c>List</c>) or Attribute suffix.</summary>
        private static string Plain(string name)
        {
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            name = tick < 0 ? name : name[..tick];
            return name.EndsWith("Attribute", StringComparison.Ordinal) && name.Length > "Attribute".Length && !name.Contains('.', StringComparison.Ordinal)
                ? name[..^"Attribute".Length]
                : name;
        }
    }

    /// <summary>The lines that differ between two texts (longest common subsequence), each under the type it
    /// belongs to.</summary>
    private static class LineDiff
    {
        public static string Describe(string before, string after)
        {
            var a = before.Split('\n');
            var b = after.Split('\n');
            var lengths = new int[a.Length + 1, b.Length + 1];
            for (var i = a.Length - 1; i >= 0; i--)
            {
                for (var j = b.Length - 1; j >= 0; j--)
                {
                    lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
                }
            }

            var text = new StringBuilder();
            string? header = null, printedHeader = null;
            void Emit(char sign, string line)
            {
                if (line.StartsWith("    ", StringComparison.Ordinal) && header is not null && header != printedHeader)
                {
                    text.Append("  ").Append(header).Append('\n');
                    printedHeader = header;
                }

                text.Append(sign).Append(' ').Append(line).Append('\n');
            }

            int x = 0, y = 0;
            while (x < a.Length || y < b.Length)
            {
                if (x < a.Length && y < b.Length && a[x] == b[y])
                {
                    header = a[x].Length > 0 && !a[x].StartsWith(' ') && !a[x].StartsWith('[') ? a[x] : header;
                    x++;
                    y++;
                }
                else if (x < a.Length && (y == b.Length || lengths[x + 1, y] >= lengths[x, y + 1]))
                {
                    Emit('-', a[x++]);
                }
                else
                {
                    Emit('+', b[y++]);
                }
            }

            return text.ToString();
        }
    }
}
