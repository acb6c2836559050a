using PodLife.Bench;

var nodes = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5000;
var pods = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50000;
var r = SchedulerThroughput.Run(nodes, pods);
Console.WriteLine($"scheduler core: {r.Nodes} nodes, {r.Pods} pending pods, {r.Scheduled} scheduled in {r.Elapsed.TotalSeconds:F2}s");
Console.WriteLine($"throughput: {r.PodsPerSecond:F0} pods/s; cycle p50 {r.CycleP50.TotalMilliseconds:F3} ms, p99 {r.CycleP99.TotalMilliseconds:F3} ms; create-to-bound p99 {r.CreateToBoundP99.TotalSeconds:F2}s");
