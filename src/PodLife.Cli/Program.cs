using PodLife.Cli;

// Before any API client decodes: the scheduler, controllers and simulated nodes of one process then share repeated strings.
PodLife.Scheduler.Api.SharedStrings.Install();
// KubernetesClient's own calls (the components' request bodies and the responses they read) then read and write
// timestamps without a string and a format parse each.
PodLife.Core.Client.ModelJson.InstallTimestampConverters();
return await CommandLine.RunAsync(args, Console.Out, Console.Error);
