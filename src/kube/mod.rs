//! Kubernetes YAML: `kube play` turns Pods, Deployments, DaemonSets, Jobs, ConfigMaps,
//! Secrets and PersistentVolumeClaims into ctl's pods, containers and volumes.

pub mod play;
