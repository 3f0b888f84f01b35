// Editing build: `dotnet tool restore` once, then `dotnet cake --target=<Target>`.
// Targets: Build, Lint, Test (default), Bench, Demo.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var solution = "./Editing.sln";
var artifacts = MakeAbsolute(Directory("./artifacts"));

Task("Build")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration });
});

Task("Lint")
    .Description("Formatting and style as the .editorconfig says (dotnet format --verify-no-changes).")
    .Does(() =>
{
    var exit = StartProcess("dotnet", new ProcessSettings { Arguments = $"format {solution} --verify-no-changes --no-restore" });
    if (exit != 0)
    {
        throw new Exception("dotnet format found changes to make: run `dotnet format Editing.sln` and commit the result.");
    }
});

Task("Test")
    .IsDependentOn("Build")
    .IsDependentOn("Lint")
    .Does(() =>
{
    var shared = Environment.GetEnvironmentVariable("EDITING_SHARED_DIR") ?? MakeAbsolute(Directory("../shared")).FullPath;
    if (!System.IO.Directory.Exists(System.IO.Path.Combine(shared, "conformance")))
    {
        Console.WriteLine($"SKIPPED: conformance data not found at {shared}: the conformance suite runs as no-ops (set EDITING_SHARED_DIR).");
    }
    var results = artifacts.Combine("test-results");
    CleanDirectory(results);
    var failed = false;
    try
    {
        DotNetTest(solution, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            Loggers = new[] { "console;verbosity=minimal", "trx" },
            ResultsDirectory = results,
        });
    }
    catch (Exception)
    {
        failed = true;
    }

    // One closing line a CI reader understands: "N passed, N failed".
    int total = 0, passed = 0, fail = 0, notRun = 0;
    foreach (var trx in GetFiles(results.FullPath + "/*.trx"))
    {
        var doc = System.Xml.Linq.XDocument.Load(trx.FullPath);
        var counters = doc.Descendants().First(e => e.Name.LocalName == "Counters");
        total += int.Parse(counters.Attribute("total").Value);
        passed += int.Parse(counters.Attribute("passed").Value);
        fail += int.Parse(counters.Attribute("failed").Value);
        notRun += int.Parse(counters.Attribute("notExecuted").Value);
    }
    Console.WriteLine($"Tests: {passed} passed, {fail} failed, {notRun} skipped");
    if (failed || fail > 0 || total == 0)
    {
        throw new Exception(total == 0 ? "no test ran" : $"{fail} test(s) failed");
    }
});

Task("Bench")
    .Description("BenchmarkDotNet over read/write and time math, then whole-process convert scaling (1k, 40k, 400k clips).")
    .Does(() =>
{
    var project = "./tests/Editing.Benchmarks/Editing.Benchmarks.csproj";
    DotNetBuild(project, new DotNetBuildSettings { Configuration = "Release" });
    DotNetRun(project, new ProcessArgumentBuilder().Append("--filter").Append("*"), new DotNetRunSettings { Configuration = "Release", NoBuild = true });
    DotNetRun(project, new ProcessArgumentBuilder().Append("convert-scaling"), new DotNetRunSettings { Configuration = "Release", NoBuild = true });
});

Task("Demo")
    .Description("The main job on the bundled sample: inspect, validate, convert to .otioz/.otiod/latest, inspect the result.")
    .Does(() =>
{
    var cli = "./src/Editing.Cli/Editing.Cli.csproj";
    DotNetBuild(cli, new DotNetBuildSettings { Configuration = configuration });
    var exe = MakeAbsolute(File($"./src/Editing.Cli/bin/{configuration}/net10.0/editing")).FullPath;
    var sample = MakeAbsolute(File("./src/Editing.Cli/samples/cut.otio")).FullPath;
    var outDir = artifacts.Combine("demo");
    EnsureDirectoryExists(outDir);
    CleanDirectory(outDir);
    void Editing(string args)
    {
        Information($"$ editing {args}");
        var exit = StartProcess(exe, new ProcessSettings { Arguments = args });
        if (exit != 0)
        {
            throw new Exception($"editing {args} exited with {exit}");
        }
    }
    Editing($"inspect \"{sample}\"");
    Editing($"validate \"{sample}\"");
    Editing($"convert \"{sample}\" \"{outDir}/cut.otioz\" --media-policy missing-if-not-file");
    Editing($"convert \"{outDir}/cut.otioz\" \"{outDir}/cut.latest.otio\" --target latest");
    Editing($"convert \"{sample}\" \"{outDir}/cut.otiod\" --media-policy missing-if-not-file");
    Editing($"inspect \"{outDir}/cut.latest.otio\" --json");
    Information($"Demo output in {outDir}");
});

Task("Default").IsDependentOn("Test");

RunTarget(target);
