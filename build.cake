// Editing build: `dotnet tool restore` once, then `dotnet cake --target=<Target>`.
// Targets: Prerequisites, Build, Lint, Test (default), Bench, Demo.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var solution = "./Editing.sln";
var artifacts = MakeAbsolute(Directory("./artifacts"));

// ffmpeg/ffprobe (Debian's ffmpeg package) and the DejaVu fonts drawtext uses. Installed with apt when missing and we
// are root (CI, fresh containers); otherwise the task says what to install.
// What the build and tests need from Debian: ffmpeg/ffprobe and the DejaVu fonts drawtext uses (media), cmake, a C
// compiler and valgrind (the native C API and its memcheck run), python3 and luajit (the Python wrapper and the
// DaVinci Resolve scripts' tests). Installed with apt when missing and we are root (CI, fresh containers); otherwise
// the task says what to install.
Task("Prerequisites")
    .Does(() =>
{
    bool Has(string tool) => StartProcess("sh", new ProcessSettings { Arguments = $"-c \"command -v {tool} >/dev/null\"" }) == 0;
    var font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    var packages = "ffmpeg fonts-dejavu-core cmake make gcc libc6-dev valgrind python3 luajit";
    var tools = new[] { "ffmpeg", "ffprobe", "cmake", "make", "cc", "valgrind", "python3", "luajit" };
    var missing = tools.Where(t => !Has(t)).ToList();
    if (missing.Count == 0 && System.IO.File.Exists(font))
    {
        return;
    }
    var isRoot = Environment.GetEnvironmentVariable("USER") == "root" || StartProcess("sh", new ProcessSettings { Arguments = "-c \"test $(id -u) -eq 0\"" }) == 0;
    if (!isRoot || !Has("apt-get"))
    {
        throw new Exception($"missing: {string.Join(", ", missing)}; install them (Debian: apt-get install -y {packages}) or set EDITING_FFMPEG/EDITING_FFPROBE for ffmpeg.");
    }
    Information($"Installing {packages} with apt-get");
    var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
    if (StartProcess("apt-get", new ProcessSettings { Arguments = "-o DPkg::Lock::Timeout=600 update -qq", EnvironmentVariables = env }) != 0
        || StartProcess("apt-get", new ProcessSettings { Arguments = $"-o DPkg::Lock::Timeout=600 install -y -qq {packages}", EnvironmentVariables = env }) != 0)
    {
        throw new Exception($"apt-get could not install {packages}");
    }
});

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
    .IsDependentOn("Prerequisites")
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
            // Tests that run the CLI see their own work: the result cache is off unless a test sets its own folder.
            EnvironmentVariables = new Dictionary<string, string> { ["EDITING_NO_CACHE"] = "1" },
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
    DotNetRun(project, new ProcessArgumentBuilder().Append("extend-scaling"), new DotNetRunSettings { Configuration = "Release", NoBuild = true });
    DotNetRun(project, new ProcessArgumentBuilder().Append("cache-reuse"), new DotNetRunSettings { Configuration = "Release", NoBuild = true });
});

Task("Demo")
    .Description("The main job: make a small cut with ffmpeg, extend shot 1's tail by 2 s, fill the gap, give shot 3 three variations.")
    .IsDependentOn("Prerequisites")
    .Does(() =>
{
    var cli = "./src/Editing.Cli/Editing.Cli.csproj";
    DotNetBuild(cli, new DotNetBuildSettings { Configuration = configuration });
    var exe = MakeAbsolute(File($"./src/Editing.Cli/bin/{configuration}/net10.0/editing")).FullPath;
    var outDir = artifacts.Combine("demo");
    EnsureDirectoryExists(outDir);
    CleanDirectory(outDir);
    void Run(string program, string args)
    {
        Information($"$ {System.IO.Path.GetFileName(program)} {args}");
        var exit = StartProcess(program, new ProcessSettings { Arguments = args, WorkingDirectory = outDir });
        if (exit != 0)
        {
            throw new Exception($"{program} {args} exited with {exit}");
        }
    }

    // The sample cut: three 96-frame shots (1280x720, 24000/1001, ProRes 422 HQ, 48 kHz stereo, timecode) and a gap.
    EnsureDirectoryExists(outDir.Combine("media"));
    var shots = new[] { ("A001C003", "testsrc2=size=1280x720:rate=24000/1001", "01:00:00:00", 440),
                        ("A002C001", "testsrc2=size=1280x720:rate=24000/1001,hue=h=120", "02:00:00:00", 550),
                        ("A003C007", "testsrc2=size=1280x720:rate=24000/1001,hue=h=240,vflip", "03:00:00:00", 660) };
    foreach (var (reel, video, tc, tone) in shots)
    {
        // 96 frames at 24000/1001 last 4.004 s: 96 x 2002 = 192192 audio samples.
        Run("ffmpeg", $"-hide_banner -v error -y -f lavfi -i \"{video}\" -f lavfi -i \"sine=frequency={tone}:sample_rate=48000\" "
            + "-filter_complex \"[0:v]trim=end_frame=96,setpts=N/FRAME_RATE/TB[v];[1:a]atrim=end_sample=192192,volume=0.3,pan=stereo|c0=c0|c1=c0[a]\" "
            + $"-map \"[v]\" -map \"[a]\" -c:v prores_ks -profile:v 3 -qscale:v 9 -vendor apl0 -pix_fmt yuv422p10le -timecode {tc} -c:a pcm_s24le media/{reel}.mov");
    }
    CopyFile("./src/Editing.Cli/samples/demo/cut.otio", outDir.CombineWithFilePath("cut.otio"));
    // A fresh result each time (the result cache may still serve the generations of an earlier demo).
    foreach (var old in new[] { "cut.edited.media", "cut.edited.otio.history" })
    {
        if (DirectoryExists(outDir.Combine(old))) { DeleteDirectory(outDir.Combine(old), new DeleteDirectorySettings { Recursive = true, Force = true }); }
    }
    if (FileExists(outDir.CombineWithFilePath("cut.edited.otio"))) { DeleteFile(outDir.CombineWithFilePath("cut.edited.otio")); }

    Run(exe, "inspect cut.otio");
    Run(exe, "apply cut.otio --tool editing.extend --select sh010 --param side=tail --param duration=2s -o cut.edited.otio");
    Run(exe, "apply cut.edited.otio --in-place --tool editing.fill --select gaps --param \"prompt=a rain-soaked street at night, slow push in\"");
    Run(exe, "apply cut.edited.otio --in-place --tool editing.variations --select sh030 --param count=3 --param \"prompt=the same shot at golden hour\"");
    Run(exe, "validate cut.edited.otio");
    Run(exe, "inspect cut.edited.otio");
    Run(exe, "verify cut.edited.otio");
    Run(exe, "report cut.edited.otio");
    Run(exe, "report cut.edited.otio --format html -o disclosure.html");
    Run(exe, "history cut.edited.otio");
    Information($"Demo output: {outDir}/cut.edited.otio with its media in {outDir}/cut.edited.media; AI disclosure in {outDir}/disclosure.html");
});

Task("Default").IsDependentOn("Test");

RunTarget(target);
