package dev.ecsd.scheduler;

/** ECS's launch types. EC2 and EXTERNAL tasks go on container instances; FARGATE tasks on Fargate capacity. */
public enum LaunchType {
    EC2, FARGATE, EXTERNAL
}
