using System.Globalization;
using Editing.StudioServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

// dotnet run --project src/Editing.StudioServer -- --urls http://127.0.0.1:8089 [--token T] [--work-dir DIR]
//     [--max-jobs N] [--private-capabilities true]
// Each option can also come from the environment: STUDIO_SERVER_TOKEN, STUDIO_SERVER_WORK_DIR, ...
var configuration = new ConfigurationBuilder()
    .AddEnvironmentVariables("STUDIO_SERVER_")
    .AddCommandLine(args)
    .Build();
var options = new StudioServerOptions
{
    Token = configuration["token"] ?? configuration["TOKEN"],
    WorkDirectory = configuration["work-dir"] ?? configuration["WORK_DIR"],
    MaxConcurrentJobs = int.TryParse(configuration["max-jobs"] ?? configuration["MAX_JOBS"], NumberStyles.None, CultureInfo.InvariantCulture, out var jobs) && jobs > 0 ? jobs : 1,
    PrivateCapabilities = bool.TryParse(configuration["private-capabilities"] ?? configuration["PRIVATE_CAPABILITIES"], out var isPrivate) && isPrivate,
};
var app = StudioServerApp.Build(options, args);
if (string.IsNullOrEmpty(options.Token))
{
    app.Logger.LogWarning("no --token given: anyone who can reach this server can use it; keep it on 127.0.0.1");
}

app.Run();
